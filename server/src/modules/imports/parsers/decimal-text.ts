/**
 * Amount text as banks write it ("-1,234.56", "1.234,56", "12,50", " +7 ") to the plain decimal
 * string of ParsedRow.amount ("-1234.56"), or null when it is not a number. No floats: money stays text.
 */
export function plainDecimal(raw: string, loneComma: 'decimal' | 'thousands'): string | null {
  let text = raw.replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  }
  if (!/^[\d.,]*\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return null;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalMark: '.' | ',' | null;
  if (lastDot >= 0 && lastComma >= 0) decimalMark = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalMark = text.indexOf(',') !== lastComma ? null : commaRole(text, loneComma);
  else if (lastDot >= 0) decimalMark = text.indexOf('.') !== lastDot ? null : '.';
  else decimalMark = null;

  let whole = text;
  let fraction = '';
  if (decimalMark) {
    const at = text.lastIndexOf(decimalMark);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return null;
  }
  const separator = decimalMark === '.' ? ',' : decimalMark === ',' ? '.' : lastComma >= 0 ? ',' : '.';
  if (whole.includes(separator)) {
    // Thousands separators must group by three: "1,234,567" yes, "12,34" no.
    if (!new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`).test(whole)) return null;
    whole = whole.split(separator).join('');
  }
  if (!/^\d*$/.test(whole)) return null;
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  const digits = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** "12,50" is a decimal comma anywhere; "1,234" is thousands only where the format says so. */
function commaRole(text: string, loneComma: 'decimal' | 'thousands'): ',' | null {
  const after = text.length - text.lastIndexOf(',') - 1;
  return after === 3 && loneComma === 'thousands' ? null : ',';
}

/** The sum of plain decimal strings (ParsedRow.amount's form), exact: "-12.00" + "-3.5" = "-15.50". */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map(decimalScale));
  return decimalText(values.reduce((sum, value) => sum + scaledDecimal(value, scale), 0n), scale);
}

/** a − b of two plain decimal strings, exact, with the larger of their number of decimals. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(decimalScale(a), decimalScale(b));
  return decimalText(scaledDecimal(a, scale) - scaledDecimal(b, scale), scale);
}

const decimalScale = (value: string): number => (value.includes('.') ? value.length - value.indexOf('.') - 1 : 0);

/** "-1.5" at scale 2 → -150n. */
function scaledDecimal(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace(/^[-+]/, '').split('.');
  const digits = BigInt(`${whole || '0'}${fraction.padEnd(scale, '0')}`);
  return negative ? -digits : digits;
}

/** -150n at scale 2 → "-1.50". */
function decimalText(scaled: bigint, scale: number): string {
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return scaled < 0n ? `-${text}` : text;
}
