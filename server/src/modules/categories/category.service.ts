import type { DataSource } from 'typeorm';
import { LIMITS } from '@finance-tracker/common';
import type { IdempotencyKeys } from '../../db/idempotency-keys';
import type { OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { badInput, notFound } from '../../lib/errors';
import { requiredText } from '../../lib/text';
import { assertNameFree } from '../../lib/unique-name';
import type { TransactionRepository } from '../transactions/transaction.repository';
import { CategoryKind, type CategoryData, type CategoryRecord } from './category.model';
import type { CategoryRepository } from './category.repository';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR: Record<CategoryKind, string> = { EXPENSE: '#9e9e9e', INCOME: '#8bc34a' };

export class CategoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryRepository,
    private readonly transactions: TransactionRepository,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  listForUser(scope: OwnerScope): Promise<CategoryRecord[]> {
    return this.categories.list(scope);
  }

  /** A retry with the same `clientMutationId` answers the same category. */
  create(scope: OwnerScope, data: CategoryData, clientMutationId?: string | null): Promise<CategoryRecord> {
    return writeTransaction(this.dataSource, (manager) => {
      const categories = this.categories.within(manager);
      return this.idempotencyKeys.createOnce(
        manager,
        scope,
        clientMutationId,
        { operation: 'createCategory', payload: data },
        async () => {
          const kind = data.kind ?? CategoryKind.EXPENSE;
          const name = requiredText(data.name ?? '', 'name', LIMITS.name);
          assertNameFree(await categories.names(scope), name, null, 'a category');
          return categories.insert(scope, { name, kind, color: data.color != null ? parseColor(data.color) : DEFAULT_COLOR[kind] });
        },
        (id) => this.found(categories.findById(scope, id)),
      );
    });
  }

  async update(scope: OwnerScope, id: number, changes: CategoryData): Promise<CategoryRecord> {
    return writeTransaction(this.dataSource, async (manager) => {
      const categories = this.categories.within(manager);
      const category = await this.found(categories.findById(scope, id));
      const columns: Partial<Pick<CategoryRecord, 'name' | 'kind' | 'color'>> = {};
      if (changes.name != null) {
        columns.name = requiredText(changes.name, 'name', LIMITS.name);
        assertNameFree(await categories.names(scope), columns.name, category.id, 'a category');
      }
      if (changes.kind != null) columns.kind = changes.kind;
      if (changes.color != null) columns.color = parseColor(changes.color);
      await categories.update(scope, category.id, columns);
      return { ...category, ...columns };
    });
  }

  /** Deletes the category; its transactions stay, uncategorised. */
  async delete(scope: OwnerScope, id: number): Promise<boolean> {
    await writeTransaction(this.dataSource, async (manager) => {
      const category = await this.found(this.categories.within(manager).findById(scope, id));
      await this.transactions.within(manager).uncategorize(scope, category.id);
      await this.categories.within(manager).delete(scope, category.id);
    });
    return true;
  }

  private async found(category: Promise<CategoryRecord | null>): Promise<CategoryRecord> {
    const found = await category;
    if (!found) throw notFound('Category');
    return found;
  }
}

function parseColor(value: string): string {
  if (!COLOR.test(value)) throw badInput('color', 'Use a hex colour such as #4caf50.');
  return value.toLowerCase();
}
