import type { ValueTransformer } from 'typeorm';
import { minorFromDatabase, type MinorUnits } from '../lib/money';

/** Money columns hold integer minor units; in JS they are bigint so nothing rounds. */
export const moneyTransformer: ValueTransformer = {
  to: (value: MinorUnits | undefined) => (value === undefined ? undefined : value.toString()),
  from: (value: unknown): MinorUnits => minorFromDatabase(value),
};
