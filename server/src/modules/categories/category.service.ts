import type { DataSource } from 'typeorm';
import { LIMITS } from '@finance-tracker/common';
import { IdempotencyKeys } from '../../db/idempotency-keys';
import { findOwned } from '../../db/owned';
import { assertNameFree } from '../../db/unique-name';
import { writeTransaction } from '../../db/write-transaction';
import { badInput } from '../../lib/errors';
import { requiredText } from '../../lib/text';
import { Transaction } from '../transactions/transaction.entity';
import { Category, CategoryKind } from './category.entity';

export interface CategoryData {
  name?: string | null;
  kind?: CategoryKind | null;
  color?: string | null;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR: Record<CategoryKind, string> = { EXPENSE: '#9e9e9e', INCOME: '#8bc34a' };

export class CategoryService {
  private readonly idempotencyKeys = new IdempotencyKeys();

  constructor(private readonly dataSource: DataSource) {}

  listForUser(userId: number): Promise<Category[]> {
    return this.dataSource.manager.find(Category, { where: { userId }, order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  /** A retry with the same `clientMutationId` answers the same category. */
  create(userId: number, data: CategoryData, clientMutationId?: string | null): Promise<Category> {
    return writeTransaction(this.dataSource, (manager) =>
      this.idempotencyKeys.createOnce(
        manager,
        userId,
        clientMutationId,
        { operation: 'createCategory', payload: data },
        async () => {
          const kind = data.kind ?? CategoryKind.EXPENSE;
          const name = requiredText(data.name ?? '', 'name', LIMITS.name);
          await assertNameFree(manager, Category, userId, name, null, 'a category');
          const category = manager.create(Category, {
            userId,
            name,
            kind,
            color: data.color != null ? parseColor(data.color) : DEFAULT_COLOR[kind],
          });
          return manager.save(category);
        },
        (id) => findOwned(manager, Category, userId, id, 'Category'),
      ),
    );
  }

  async update(userId: number, id: string, changes: CategoryData): Promise<Category> {
    return writeTransaction(this.dataSource, async (manager) => {
      const category = await findOwned(manager, Category, userId, id, 'Category');
      if (changes.name != null) {
        category.name = requiredText(changes.name, 'name', LIMITS.name);
        await assertNameFree(manager, Category, userId, category.name, category.id, 'a category');
      }
      if (changes.kind != null) category.kind = changes.kind;
      if (changes.color != null) category.color = parseColor(changes.color);
      return manager.save(category);
    });
  }

  /** Deletes the category; its transactions stay, uncategorised. */
  async delete(userId: number, id: string): Promise<boolean> {
    await writeTransaction(this.dataSource, async (manager) => {
      const category = await findOwned(manager, Category, userId, id, 'Category');
      await manager.update(Transaction, { userId, categoryId: category.id }, { categoryId: null });
      await manager.delete(Category, { userId, id: category.id });
    });
    return true;
  }
}

function parseColor(value: string): string {
  if (!COLOR.test(value)) throw badInput('color', 'Use a hex colour such as #4caf50.');
  return value.toLowerCase();
}
