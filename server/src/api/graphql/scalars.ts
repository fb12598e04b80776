import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate } from '../../lib/dates';
import { isDecimalString, Money } from '../../lib/money';

/** A value that a scalar refuses; reported as BAD_USER_INPUT wherever graphql-js finds it. */
export class InvalidValueError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function invalid(message: string): GraphQLError {
  return new InvalidValueError(message);
}

function stringLiteral(node: ValueNode, typeName: string): string {
  if (node.kind !== Kind.STRING) throw invalid(`${typeName} must be written as a string.`);
  return node.value;
}

function parseMoneyText(value: unknown): string {
  // A JSON number has already been through a float: refuse it rather than guess what was meant.
  if (typeof value !== 'string') throw invalid('Money must be a string such as "-12.34", not a number.');
  const text = value.trim();
  if (!isDecimalString(text)) throw invalid(`"${text.slice(0, 40)}" is not an amount; write it like -12.34.`);
  return text;
}

export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description:
    'An exact amount as a decimal string such as "-12.34": < 0 is money out, > 0 money in. ' +
    "At most as many decimals as the currency's minor unit (2 for USD, 0 for JPY). Never a float.",
  serialize: (value) => {
    if (value instanceof Money) return value.toString();
    if (typeof value !== 'string' || !isDecimalString(value)) throw new Error('Money must be a Money value or formatted by the server.');
    return value;
  },
  parseValue: parseMoneyText,
  parseLiteral: (node) => parseMoneyText(stringLiteral(node, 'Money')),
});

function parseDateText(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw invalid(`"${String(value).slice(0, 20)}" is not a valid date (YYYY-MM-DD).`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, "YYYY-MM-DD", with no time zone.',
  serialize: (value) => parseDateText(value),
  parseValue: parseDateText,
  parseLiteral: (node) => parseDateText(stringLiteral(node, 'Date')),
});

function parseDateTimeText(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw invalid(`"${String(value).slice(0, 40)}" is not an ISO-8601 date and time.`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A point in time, ISO-8601 in UTC, such as "2025-03-01T12:30:00.000Z".',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new Error('DateTime must be a date.');
    return date.toISOString();
  },
  parseValue: parseDateTimeText,
  parseLiteral: (node) => parseDateTimeText(stringLiteral(node, 'DateTime')),
});
