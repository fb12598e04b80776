import { formatDecimal, isDecimalString, parseDecimal, type MinorUnits } from '@finance-tracker/common';
import { badInput } from './errors';

// The rules live in packages/common, shared with the web client; this wraps them in the API's errors.
export { isDecimalString, type MinorUnits };

export function parseMoney(value: string, currency: string, field: string): MinorUnits {
  const parsed = parseDecimal(value, currency);
  if (!parsed.ok) throw badInput(field, parsed.message);
  return parsed.value;
}

/** Reads a money value as a driver returns it: number (SQLite), string (Postgres bigint/numeric) or null. */
export function minorFromDatabase(value: unknown): MinorUnits {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Unsafe money value from the database: ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`Unexpected money value from the database: ${typeof value}`);
}

/**
 * An exact amount as services hand it out: integer minor units and their currency together, so
 * formatting never depends on what else was read. The GraphQL Money scalar serialises it.
 */
export class Money {
  constructor(
    readonly minor: MinorUnits,
    readonly currency: string,
  ) {}

  /** The decimal string of the wire format, "-12.34". */
  toString(): string {
    return formatDecimal(this.minor, this.currency);
  }
}
