import { isCalendarDate } from '../../lib/dates';

/**
 * The values a rule's conditions and actions hold, read from their text. Each reader answers the
 * value or throws a RuleValueError saying what is wrong; the service names the condition or action.
 */
export class RuleValueError extends Error {}

/** Case-, accent- and spacing-insensitive text: what rules compare ("Café  Nero" reads as "cafe nero"). */
export function normalizedText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A JSON array of strings (numbers are taken as their text), as ONE_OF and BETWEEN hold them. */
export function listValue(value: string, { min = 1, max = 200 } = {}): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new RuleValueError('give a JSON list of values, like ["tesco","aldi"]');
  }
  if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    throw new RuleValueError('give a JSON list of values, like ["tesco","aldi"]');
  }
  if (parsed.length < min || parsed.length > max) throw new RuleValueError(min === max ? `give ${min} values` : `give between ${min} and ${max} values`);
  return parsed.map(String);
}

/** A signed decimal as an exact fraction: units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export function decimalValue(text: string, maxScale = 4): Decimal {
  const match = /^([+-]?)(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RuleValueError(`“${text}” is not an amount (a number with a dot, like -9.99)`);
  const fraction = match[3] ?? '';
  if (fraction.length > maxScale) throw new RuleValueError(`“${text}” has more than ${maxScale} decimals`);
  const units = BigInt(match[2] + fraction) * (match[1] === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

/** The decimal in minor units of a currency with `digits`, or null when it has more decimals than that. */
export function decimalInMinor(decimal: Decimal, digits: number): bigint | null {
  if (decimal.scale <= digits) return decimal.units * 10n ** BigInt(digits - decimal.scale);
  const divisor = 10n ** BigInt(decimal.scale - digits);
  return decimal.units % divisor === 0n ? decimal.units / divisor : null;
}

/** -1, 0 or 1 as `minor` (at `digits`) is below, at or above the decimal, exactly. */
export function compareToDecimal(minor: bigint, digits: number, decimal: Decimal): number {
  const left = minor * 10n ** BigInt(decimal.scale);
  const right = decimal.units * 10n ** BigInt(digits);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An id as rules store it: the decimal text of a positive integer. */
export function idValue(text: string): number {
  const trimmed = text.trim();
  if (!/^[1-9]\d{0,15}$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) throw new RuleValueError(`“${text}” is not an id`);
  return Number(trimmed);
}

export function dateValue(text: string): string {
  const trimmed = text.trim();
  if (!isCalendarDate(trimmed)) throw new RuleValueError(`“${text}” is not a date (YYYY-MM-DD)`);
  return trimmed;
}

export function integerInRange(text: string, min: number, max: number, what: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d{1,2}$/.test(trimmed) || value < min || value > max) throw new RuleValueError(`“${text}” is not a ${what} (${min} to ${max})`);
  return value;
}

/** One value, or a JSON list of them, as WEEKDAY and DAY_OF_MONTH take. */
export function oneOrList(value: string): string[] {
  return value.trim().startsWith('[') ? listValue(value, { max: 31 }) : [value];
}
