import type { BatchPart, NewTransaction } from '../modules/transactions/transaction.model';

/**
 * A transaction row as the bulk insert takes it, amounts in minor units; with its parts when it is
 * split, and which leg it is when it is half of a transfer (the inflow follows its outflow).
 */
export type GeneratedTransaction = NewTransaction & { parts?: BatchPart[]; leg?: 'outflow' | 'inflow' };

/** Shares of the rows that are transfer legs (in pairs) and split purchases. */
const TRANSFER_SHARE = 0.02;
const SPLIT_SHARE = 0.04;
const SPLIT_WITH = ['Health', 'Shopping', 'Eating out', 'Entertainment'];
const PART_NOTES = ['Toothpaste and vitamins', 'Kitchen towels', 'Coffee on the way', 'Gift card', 'Batteries'];

/** What a household's money does, by starter category: merchants and the range of amounts (in major units). */
const SPENDING: Record<string, { weight: number; merchants: string[]; min: number; max: number; income?: boolean }> = {
  Groceries: { weight: 26, merchants: ['Whole Foods Market', "Trader Joe's", 'Aldi', 'Lidl', 'Safeway', 'Farmers market', 'Costco'], min: 4, max: 240 },
  'Eating out': { weight: 18, merchants: ['Starbucks coffee', 'Blue Bottle coffee', 'Chipotle', 'Sushi bar', 'Pizza Express', 'Thai kitchen', 'Bakery'], min: 3, max: 120 },
  Transport: { weight: 14, merchants: ['Uber trip', 'Metro card top-up', 'Shell fuel', 'Parking garage', 'Train tickets', 'Bike repair'], min: 2, max: 90 },
  Shopping: { weight: 10, merchants: ['Amazon order', 'IKEA', 'Uniqlo', 'Hardware store', 'Bookshop', 'Apple Store'], min: 8, max: 600 },
  Entertainment: { weight: 6, merchants: ['Cinema tickets', 'Netflix', 'Spotify', 'Concert tickets', 'Museum'], min: 5, max: 150 },
  Health: { weight: 5, merchants: ['Pharmacy', 'Dentist', 'Gym membership', 'Optician'], min: 6, max: 300 },
  Utilities: { weight: 5, merchants: ['Electricity bill', 'Water bill', 'Internet provider', 'Mobile phone plan'], min: 20, max: 180 },
  Rent: { weight: 2, merchants: ['Monthly rent'], min: 900, max: 2400 },
  Salary: { weight: 3, merchants: ['Salary ACME Corp', 'Salary bonus'], min: 1800, max: 6500, income: true },
  'Other income': { weight: 2, merchants: ['Refund', 'Sold on eBay', 'Interest'], min: 1, max: 400, income: true },
};

const UNCATEGORISED_MERCHANTS = ['Cash withdrawal', 'Bank transfer', 'PayPal', 'Venmo', 'Card payment'];
const NOTES = ['Split with Sam', 'Business trip, claim back', 'Birthday present', 'Paid in two parts', 'Check the receipt', 'Holiday in Lisbon', 'Weekly shop'];

/** mulberry32: small, fast and seeded, so the same arguments seed the same data every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Realistic transactions for one user: card spending spread evenly over `years` years up to `until`, oldest first,
 * weighted by category, with some uncategorised and some with notes. Amounts are in a 2-decimal
 * currency.
 */
export function* generateTransactions(options: {
  count: number;
  years: number;
  until: Date;
  accountIds: number[];
  categoryIdsByName: Map<string, number>;
  random: () => number;
}): Generator<GeneratedTransaction> {
  const { count, years, until, accountIds, categoryIdsByName, random } = options;
  const categories = Object.entries(SPENDING).filter(([name]) => categoryIdsByName.has(name));
  const totalWeight = categories.reduce((sum, [, spec]) => sum + spec.weight, 0);
  const spanDays = Math.max(1, Math.round(years * 365.25));
  const end = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  for (let i = 0; i < count; i += 1) {
    // Oldest first, as people enter them: ids then grow with dates, as they do in real use.
    const daysBack = spanDays - 1 - Math.floor((i * spanDays) / count);
    const date = new Date(end - daysBack * 86_400_000).toISOString().slice(0, 10);
    if (accountIds.length > 1 && i + 1 < count && random() < TRANSFER_SHARE) {
      // Money moved between two accounts: the outflow, then its inflow on the same day or the next.
      const from = pick(accountIds);
      const to = pick(accountIds.filter((id) => id !== from));
      const amount = BigInt(Math.round(50 + random() * 1450) * 100);
      const arrives = daysBack > 0 && random() < 0.3 ? new Date(end - (daysBack - 1) * 86_400_000).toISOString().slice(0, 10) : date;
      yield { accountId: from, categoryId: null, date, amount: -amount, description: 'Transfer to savings', notes: '', leg: 'outflow' };
      yield { accountId: to, categoryId: null, date: arrives, amount, description: 'Transfer from checking', notes: '', leg: 'inflow' };
      i += 1;
      continue;
    }
    const accountId = pick(accountIds);
    let description: string;
    let categoryId: number | null;
    let amount: bigint;
    if (random() < 0.08) {
      description = pick(UNCATEGORISED_MERCHANTS);
      categoryId = null;
      amount = -BigInt(100 + Math.floor(random() * 30_000));
    } else {
      let roll = random() * totalWeight;
      let chosen = categories[0];
      for (const entry of categories) {
        roll -= entry[1].weight;
        if (roll <= 0) {
          chosen = entry;
          break;
        }
      }
      const [name, spec] = chosen;
      description = pick(spec.merchants);
      categoryId = categoryIdsByName.get(name) ?? null;
      const cents = BigInt(Math.round((spec.min + random() * (spec.max - spec.min)) * 100));
      amount = spec.income ? cents : -cents;
    }
    const notes = random() < 0.15 ? pick(NOTES) : '';
    const splitWith = SPLIT_WITH.filter((name) => categoryIdsByName.has(name));
    if (categoryId !== null && amount < -1000n && splitWith.length && random() < SPLIT_SHARE) {
      // A shop's receipt with something of another kind in it: the second part takes a share of the amount.
      const other = -BigInt(Math.max(1, Math.floor(Number(-amount) * (0.1 + random() * 0.4))));
      const parts: BatchPart[] = [
        { amount: amount - other, categoryId, notes: '' },
        { amount: other, categoryId: categoryIdsByName.get(pick(splitWith)) ?? null, notes: pick(PART_NOTES) },
      ];
      yield { accountId, categoryId: null, date, amount, description, notes, parts };
      continue;
    }
    yield { accountId, categoryId, date, amount, description, notes };
  }
}
