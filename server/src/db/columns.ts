import type { ValueTransformer } from 'typeorm';
import { minorFromDatabase, type MinorUnits } from '../lib/money';

/** Money columns hold integer minor units; in JS they are bigint so nothing rounds. */
export const moneyTransformer: ValueTransformer = {
  to: (value: MinorUnits | undefined) => (value === undefined ? undefined : value.toString()),
  from: (value: unknown): MinorUnits => minorFromDatabase(value),
};

/** A money column that may be empty (an import's invalid row): null stays null. */
export const nullableMoneyTransformer: ValueTransformer = {
  to: (value: MinorUnits | null | undefined) => (value == null ? value : value.toString()),
  from: (value: unknown): MinorUnits | null => (value == null ? null : minorFromDatabase(value)),
};
