import { formatDecimal, minorDigits, minorFromParts, type MinorUnits } from './money';

/**
 * Reads an amount as a person types it, in their locale: "12,50" in de and "12.50" in en are both
 * twelve and a half. A separator is read as the decimal mark only when nothing else can be meant;
 * when it could be either ("1.234" with a 2-decimal currency), the input is refused with a sentence
 * rather than guessed, so a typo never becomes a 100x or 1000x error.
 */
export type AmountInput = { ok: true; value: string; minor: MinorUnits } | { ok: false; message: string };

/** The separators the locale writes numbers with, e.g. { group: ',', decimal: '.' } for en. */
export function separators(locale?: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

/** How to write an amount of this currency in this locale: "12.50", "12,50", "1250" (JPY). */
export function amountExample(currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? '1250' : `12${separators(locale).decimal}${'50'.padEnd(digits, '0')}`;
}

/** Currency signs a person may type around the number: the code, and its symbols in the locale and in English. */
function currencyMarkers(currency: string, locale?: string): string[] {
  const markers = new Set([currency.toUpperCase()]);
  for (const where of [locale, 'en']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      try {
        const part = new Intl.NumberFormat(where, { style: 'currency', currency, currencyDisplay })
          .formatToParts(1)
          .find((item) => item.type === 'currency');
        if (part) markers.add(part.value.toUpperCase());
      } catch {
        // an unknown currency has no symbol: only its code is accepted
      }
    }
  }
  return [...markers].sort((a, b) => b.length - a.length);
}

const SPACES = /[\s\u00a0\u202f]/g;
const APOSTROPHES = /[’']/g;

export function parseAmountInput(text: string, currency: string, locale?: string): AmountInput {
  let rest = text.trim().replace(/\u2212/g, '-');
  if (!rest) return { ok: false, message: 'Enter an amount.' };
  const notANumber = {
    ok: false as const,
    message: `“${text.trim().slice(0, 30)}” is not a number: write the amount with digits only, such as ${amountExample(currency, locale)}.`,
  };

  let sign = '';
  const takeSign = () => {
    if (!sign && /^[+-]/.test(rest)) {
      sign = rest[0];
      rest = rest.slice(1).trim();
    }
  };
  const markers = currencyMarkers(currency, locale);
  takeSign();
  const leading = markers.find((marker) => rest.toUpperCase().startsWith(marker));
  if (leading) rest = rest.slice(leading.length).trim();
  takeSign();
  const trailing = leading ? undefined : markers.find((marker) => rest.toUpperCase().endsWith(marker));
  if (trailing) rest = rest.slice(0, rest.length - trailing.length).trim();

  // Spaces and apostrophes only ever group thousands ("1 234,50", "1'234.50").
  const body = rest.replace(SPACES, ' ').replace(APOSTROPHES, "'");
  if (!/^[\d.,' ]+$/.test(body) || !/\d/.test(body)) return notANumber;

  const split = splitDecimal(body, currency, locale);
  if (!split.ok) return split.message === '' ? notANumber : split;
  const parsed = minorFromParts(sign === '-', split.whole, split.fraction, currency);
  if (!parsed.ok) return parsed;
  return { ok: true, value: formatDecimal(parsed.value, currency), minor: parsed.value };
}

type Split = { ok: true; whole: string; fraction: string } | { ok: false; message: string };

/** Which separator (if any) is the decimal mark; "" as message means "not a number". */
function splitDecimal(body: string, currency: string, locale?: string): Split {
  const marks = [...body].filter((char) => !/\d/.test(char));
  if (marks.length === 0) return { ok: true, whole: body, fraction: '' };
  const last = marks[marks.length - 1];
  const lastIndex = body.lastIndexOf(last);
  const before = body.slice(0, lastIndex);
  const after = body.slice(lastIndex + 1);
  const onlyOneKind = marks.every((mark) => mark === last);

  const asDecimal = (): Split => {
    if (before.includes(last) || !/^\d*$/.test(after)) return { ok: false, message: '' };
    const whole = ungroup(before);
    return whole === null ? { ok: false, message: '' } : { ok: true, whole, fraction: after };
  };
  const asGroups = (): Split => {
    const whole = ungroup(body);
    return whole === null ? { ok: false, message: '' } : { ok: true, whole, fraction: '' };
  };

  if (last === ' ' || last === "'") return asGroups();
  if (!onlyOneKind) return asDecimal(); // "1.234,56", "1,234.56", "1 234,56": the last mark is the decimal
  if (marks.length > 1) return asGroups(); // "1.234.567" or "1,234,567"
  // One separator. Groups are exactly three digits, so any other count after it means decimals.
  if (after.length !== 3 || before === '') return asDecimal();
  const { group, decimal } = separators(locale);
  const digits = minorDigits(currency);
  if (last === group && before.length <= 3) return asGroups(); // "1,234" in en, "1.234" in de
  if (last === decimal && digits >= 3) return asDecimal(); // "1,234" BHD in de
  const write = digits === 0
    ? `write ${before}${after} without a separator`
    : `write ${before}${after} without a separator, or at most ${digits} decimals such as ${amountExample(currency, locale)}`;
  return { ok: false, message: `“${body}” is unclear: ${write}.` };
}

/** "1.234.567" -> "1234567" when every group after the first has three digits; null when not. */
function ungroup(text: string): string | null {
  if (text === '') return '';
  const groups = text.split(/[.,' ]/);
  if (groups.length === 1) return /^\d+$/.test(text) ? text : null;
  const [first, ...others] = groups;
  if (!/^\d{1,3}$/.test(first) || others.some((part) => !/^\d{3}$/.test(part))) return null;
  return groups.join('');
}
