import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { Category } from './category.entity';
import { CategoryKind, type CategoryRecord } from './category.model';

/** The columns a create writes (the owner comes from the scope). */
export type NewCategory = Pick<Category, 'name' | 'kind' | 'color'>;

/** The owner's categories: few per owner, so lists are read whole. */
export class CategoryRepository extends Repository {
  @GenerateSql({ params: (f) => [f.scope] })
  list(scope: OwnerScope): Promise<CategoryRecord[]> {
    return this.manager.find(Category, { where: ownedBy(scope), order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  /** Ids and names only: what a name check and a search match against. */
  @GenerateSql({ params: (f) => [f.scope] })
  names(scope: OwnerScope): Promise<{ id: number; name: string }[]> {
    return this.manager.find(Category, { select: { id: true, name: true }, where: ownedBy(scope) });
  }

  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  async findById(scope: OwnerScope, id: number): Promise<CategoryRecord | null> {
    return this.manager.findOne(Category, { where: { ...ownedBy(scope), id } });
  }

  /** Whether the id names one of the owner's categories. */
  @GenerateSql({ params: (f) => [f.scope, f.categoryId] })
  exists(scope: OwnerScope, id: number): Promise<boolean> {
    return this.manager.existsBy(Category, { ...ownedBy(scope), id });
  }

  /** The new row as the database wrote it. */
  @GenerateSql({ params: (f) => [f.scope, { name: 'Books', kind: CategoryKind.EXPENSE, color: '#123456' }] })
  async insert(scope: OwnerScope, row: NewCategory): Promise<CategoryRecord> {
    const { id } = await this.manager.save(this.manager.create(Category, { ...ownedBy(scope), ...row }));
    return (await this.findById(scope, id))!;
  }

  @GenerateSql({ params: (f) => [f.scope, f.categoryId, { color: '#654321' }] })
  async update(scope: OwnerScope, id: number, changes: Partial<NewCategory>): Promise<void> {
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
