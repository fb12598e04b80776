import { minorDigits } from '../../lib/currency';
import type { Money } from '../../lib/money';

const RATE_DECIMALS = 6;

/**
 * The rate a transfer across currencies was made at: units of the inflow's currency per unit of
 * the outflow's, to six decimals (half up), as a decimal string; null in one currency.
 */
export function transferRate(outflow: Money, inflow: Money): string | null {
  if (outflow.currency === inflow.currency || outflow.minor === 0n) return null;
  const out = outflow.minor < 0n ? -outflow.minor : outflow.minor;
  const into = inflow.minor < 0n ? -inflow.minor : inflow.minor;
  const numerator = into * 10n ** BigInt(minorDigits(outflow.currency) + RATE_DECIMALS);
  const denominator = out * 10n ** BigInt(minorDigits(inflow.currency));
  const scaled = (2n * numerator + denominator) / (2n * denominator);
  const text = scaled.toString().padStart(RATE_DECIMALS + 1, '0');
  const fraction = text.slice(-RATE_DECIMALS).replace(/0+$/, '');
  return fraction ? `${text.slice(0, -RATE_DECIMALS)}.${fraction}` : text.slice(0, -RATE_DECIMALS);
}
