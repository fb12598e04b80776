import { LIMITS } from '@finance-tracker/common';
import type { OwnerScope } from '../../db/owner-scope';
import type { MinorUnits } from '../../lib/money';
import type { AccountRecord } from '../accounts/account.model';
import type { AccountRepository } from '../accounts/account.repository';
import { CategoryKind, type CategoryRecord } from '../categories/category.model';
import type { CategoryRepository } from '../categories/category.repository';
import type { PreviewSplit } from './import.model';

const key = (name: string): string => name.trim().toLowerCase();

/**
 * The owner's categories and accounts by the names a file gives them: QIF's "Food:Groceries" is
 * the category named so, else the one named "Groceries" (our categories are flat); "[Savings]" is
 * the account named Savings. Case does not matter. Read once per page or commit (few of each).
 */
export class OwnerNames {
  private constructor(
    private readonly categories: ReadonlyMap<string, CategoryRecord[]>,
    private readonly accounts: ReadonlyMap<string, AccountRecord>,
    private readonly categoriesById: ReadonlyMap<number, CategoryRecord>,
  ) {}

  /**
   * A transfer's other account is another of the owner's in the same currency (a transfer part
   * moves money within one currency), never the account the rows go into: Quicken's "Opening
   * Balance" row names its own account (`L[Checking]` in Checking).
   */
  static async read(scope: OwnerScope, repositories: { categories: CategoryRepository; accounts: AccountRepository }, importAccountId: number): Promise<OwnerNames> {
    const [categories, accounts] = await Promise.all([repositories.categories.list(scope), repositories.accounts.list(scope)]);
    const byName = new Map<string, CategoryRecord[]>();
    for (const category of [...categories].sort((a, b) => a.id - b.id)) byName.set(key(category.name), [...(byName.get(key(category.name)) ?? []), category]);
    const currency = accounts.find((account) => account.id === importAccountId)?.currency;
    const accountsByName = new Map<string, AccountRecord>();
    for (const account of accounts) {
      if (account.id !== importAccountId && account.currency === currency && !accountsByName.has(key(account.name))) accountsByName.set(key(account.name), account);
    }
    return new OwnerNames(byName, accountsByName, new Map(categories.map((category) => [category.id, category])));
  }

  /** The category of a path, full name first, then its last part; of two with one name, the one whose kind fits the amount's sign. */
  category(path: string | null, amount: bigint): CategoryRecord | null {
    if (!path) return null;
    const last = path.slice(path.lastIndexOf(':') + 1);
    const candidates = this.categories.get(key(path)) ?? this.categories.get(key(last));
    if (!candidates) return null;
    const kind = amount > 0n ? CategoryKind.INCOME : CategoryKind.EXPENSE;
    return candidates.find((category) => category.kind === kind) ?? candidates[0];
  }

  /** The category of the id while the owner has it (a rule's, chosen at preview), else null. */
  categoryById(id: number | undefined | null): CategoryRecord | null {
    return id == null ? null : (this.categoriesById.get(id) ?? null);
  }

  account(name: string | null): AccountRecord | null {
    return name ? (this.accounts.get(key(name)) ?? null) : null;
  }
}
/** A split line as the owner's part: what the preview shows and the commit writes. */
export interface ImportPart {
  amount: MinorUnits;
  category: CategoryRecord | null;
  transferAccount: AccountRecord | null;
  notes: string;
}

/**
 * A split line as a part of the owner's: its category and transfer account by name. A transfer to
 * an account they do not have (in that currency) is a plain part whose note says where the money went.
 */
export function partOf(split: PreviewSplit, names: OwnerNames): ImportPart {
  const transferAccount = names.account(split.transferAccount);
  let notes = split.notes;
  if (split.transferAccount !== null && !transferAccount) {
    const where = `${split.amount < 0n ? 'to' : 'from'} ${split.transferAccount}`;
    notes = (notes ? `${notes} (transfer ${where})` : `Transfer ${where}`).slice(0, LIMITS.notes);
  }
  return { amount: split.amount, category: names.category(split.category, split.amount), transferAccount, notes };
}

