// Sentences for what a form checks before asking the server: each says what is wrong and how to fix it.

/** The order the browser's date field asks for in this locale: "MM/DD/YYYY" in en-US, "DD.MM.YYYY" in de-DE. */
export function datePattern(locale?: string): string {
  const names: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { day: 'DD', month: 'MM', year: 'YYYY' };
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2025, 2, 14)))
    .map((part) => (part.type === 'literal' ? part.value : (names[part.type] ?? '')))
    .join('');
}

/** The same example date in the locale's own order, "03/14/2025" in en-US. */
function exampleDate(locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2025, 2, 14)));
}

/**
 * What to say about a date field: nothing when it holds a date; "Pick a date." when empty; and when
 * the browser holds typed text it cannot read (`badInput`), that the date is not valid and its format.
 */
export function dateProblem(value: string, badInput: boolean, locale?: string): string | null {
  if (badInput || (value && !/^\d{4}-\d{2}-\d{2}$/.test(value))) {
    return `That is not a valid date: enter day, month and year as ${datePattern(locale)}, such as ${exampleDate(locale)}.`;
  }
  return value ? null : 'Pick a date.';
}

export const ZERO_AMOUNT = 'Enter an amount other than 0.';

/** One message per empty required field, so a user sees every one at once. */
export function missingFields(fields: Record<string, { value: string; message: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, field]) => !field.value.trim()).map(([name, field]) => [name, field.message]));
}
