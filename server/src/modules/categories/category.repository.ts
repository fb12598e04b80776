import type { DataSource } from 'typeorm';
import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import { Category } from './category.entity';
import { CategoryKind, type CategoryRecord } from './category.model';

/** The columns a create writes (the owner comes from the scope). */
export type NewCategory = Pick<Category, 'name' | 'kind' | 'color'>;

/** The owner's categories: few per owner, so lists are read whole. */
export class CategoryRepository extends Repository {
  private readonly reader: RowReader<Category>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.reader = new RowReader(dataSource, Category, 'c');
  }

  /** In plain SQL: the categories query and every dashboard read them, and TypeORM's hydration costs more than the query. */
  @GenerateSql({ params: (f) => [f.scope] })
  async list(scope: OwnerScope): Promise<CategoryRecord[]> {
    return this.readOwned(this.reader, 'categories', scope, [], 'ORDER BY "c"."kind" ASC, "c"."name" ASC, "c"."id" ASC');
  }

  /** Ids and names only: what a name check and a search match against. */
  @GenerateSql({ params: (f) => [f.scope] })
  async names(scope: OwnerScope): Promise<{ id: number; name: string }[]> {
    const parameters = this.parameters();
    const rows = await this.query<{ id: unknown; name: string }>(`SELECT "c"."id" AS "id", "c"."name" AS "name" FROM "categories" "c" WHERE ${ownerCondition(scope, 'c', parameters)}`, parameters);
    return rows.map((row) => ({ id: Number(row.id), name: row.name }));
  }

  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async findById(scope: OwnerScope, id: number): Promise<CategoryRecord | null> {
    const parameters = this.parameters();
    const [category] = await this.readOwned(this.reader, 'categories', scope, [`"c"."id" = ${parameters.add(id)}`], '', parameters);
    return category ?? null;
  }

  /** Whether the id names one of the owner's categories (plain SQL: every create with a category asks). */
  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async exists(scope: OwnerScope, id: number): Promise<boolean> {
    const parameters = this.parameters();
    const rows = await this.query(`SELECT 1 AS "found" FROM "categories" "c" WHERE ${ownerCondition(scope, 'c', parameters)} AND "c"."id" = ${parameters.add(id)}`, parameters);
    return rows.length > 0;
  }

  /** The new row as the database wrote it. */
  @GenerateSql({ params: (f) => [f.scope, { name: 'Books', kind: CategoryKind.EXPENSE, color: '#123456' }] })
  async insert(scope: OwnerScope, row: NewCategory): Promise<CategoryRecord> {
    const { id } = await this.manager.save(this.manager.create(Category, { ...ownedBy(scope), ...row }));
    return (await this.findById(scope, id))!;
  }

  /** Several rows in one statement (a new user's starter categories). */
  @GenerateSql({ params: (f) => [f.scope, [{ name: 'Books', kind: CategoryKind.EXPENSE, color: '#123456' }, { name: 'Gifts', kind: CategoryKind.INCOME, color: '#654321' }]] })
  async insertMany(scope: OwnerScope, rows: readonly NewCategory[]): Promise<void> {
    await this.manager.insert(Category, rows.map((row) => ({ ...row, ...ownedBy(scope) })));
  }

  @GenerateSql({ params: (f) => [f.scope, f.categoryId, { color: '#654321' }] })
  async update(scope: OwnerScope, id: number, changes: Partial<NewCategory> & { rollover?: boolean }): Promise<void> {
    if (Object.keys(changes).length) await this.manager.update(Category, { ...ownedBy(scope), id }, changes);
  }

  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async delete(scope: OwnerScope, id: number): Promise<void> {
    await this.manager.delete(Category, { ...ownedBy(scope), id });
  }
  @GenerateSql({ params: (f) => [f.scope] })
  async deleteAllOf(scope: OwnerScope): Promise<void> {
    await this.manager.delete(Category, ownedBy(scope));
  }

}
