import { badInput } from './errors';

/** Control characters other than tab and newline have no place in user text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function requiredText(value: string, field: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(field, 'This cannot be empty.');
  return optionalText(text, field, maxLength);
}

export function optionalText(value: string, field: string, maxLength: number): string {
  if (value.length > maxLength) throw badInput(field, `This is too long (at most ${maxLength} characters).`);
  if (CONTROL.test(value)) throw badInput(field, 'This contains control characters.');
  if (!value.isWellFormed()) throw badInput(field, 'This is not valid Unicode text.');
  return value;
}

/** Text a database can store as it is: no control characters, no lone surrogates. */
export function isCleanText(value: string): boolean {
  return !CONTROL.test(value) && value.isWellFormed();
}
