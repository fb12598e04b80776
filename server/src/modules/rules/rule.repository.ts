import { In, type DataSource } from 'typeorm';
import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, ownerCondition, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { RowReader } from '../../db/row-reader';
import { Rule, RuleSuggestion } from './rule.entity';
import type { NewRule, RuleRecord, RuleSuggestionRecord } from './rule.model';

const exampleRule: NewRule = {
  name: 'Groceries',
  position: 0,
  enabled: true,
  matchAll: true,
  conditions: [{ field: 'DESCRIPTION', operator: 'CONTAINS', value: 'tesco' }],
  actions: [{ type: 'SET_CATEGORY', value: '1' }],
  stopProcessing: false,
  override: false,
};

/** The owner's rules (few: read whole, in position order) and what learning knows of their categorising. */
export class RuleRepository extends Repository {
  private readonly reader: RowReader<Rule>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.reader = new RowReader(dataSource, Rule, 'r');
  }

  /** In plain SQL: every createTransaction and import preview reads the rules. */
  @GenerateSql({ params: (f) => [f.scope] })
  async list(scope: OwnerScope): Promise<RuleRecord[]> {
    return (await this.readOwned(this.reader, 'rules', scope, [], 'ORDER BY "r"."position" ASC, "r"."id" ASC')).map(recordOf);
  }

  @GenerateSql({ params: (f) => [f.scope, 1] })
  async findById(scope: OwnerScope, id: number): Promise<RuleRecord | null> {
    const row = await this.manager.findOne(Rule, { where: { ...ownedBy(scope), id } });
    return row ? recordOf(row) : null;
  }

  @GenerateSql({ params: (f) => [f.scope] })
  count(scope: OwnerScope): Promise<number> {
    return this.manager.countBy(Rule, ownedBy(scope));
  }

  @GenerateSql({ params: (f) => [f.scope, exampleRule] })
  async insert(scope: OwnerScope, rule: NewRule): Promise<number> {
    const { id } = await this.manager.save(this.manager.create(Rule, { ...ownedBy(scope), ...columnsOf(rule) }));
    return id;
  }

  /** Whether the rule was there to change. */
  @GenerateSql({ params: (f) => [f.scope, 1, exampleRule] })
  async update(scope: OwnerScope, id: number, rule: Omit<NewRule, 'position'>): Promise<boolean> {
    const { position: _position, ...columns } = columnsOf({ ...rule, position: 0 });
    const result = await this.manager.update(Rule, { ...ownedBy(scope), id }, columns);
    return (result.affected ?? 1) > 0;
  }

  @GenerateSql({ params: (f) => [f.scope, 1] })
  async delete(scope: OwnerScope, id: number): Promise<boolean> {
    const result = await this.manager.delete(Rule, { ...ownedBy(scope), id });
    return (result.affected ?? 1) > 0;
  }

  /** Each rule's position is its index in `ids` (all of the owner's rules, checked by the service). */
  @GenerateSql({ params: (f) => [f.scope, [2, 1]] })
  async setPositions(scope: OwnerScope, ids: readonly number[]): Promise<void> {
    if (!ids.length) return;
    const parameters = this.parameters();
    const cases = ids.map((id, position) => `WHEN ${parameters.add(id)} THEN CAST(${parameters.add(position)} AS integer)`).join(' ');
    await this.query(`UPDATE "rules" SET "position" = CASE "id" ${cases} END WHERE ${ownerCondition(scope, 'rules', parameters)} AND "id" IN (${ids.map((id) => parameters.add(id)).join(', ')})`, parameters);
  }

  /** Counts the transactions each rule changed and when (an import, a create, applyRule). */
  @GenerateSql({ params: (f) => [f.scope, new Map([[1, 3]])] })
  async recordApplied(scope: OwnerScope, changedByRule: ReadonlyMap<number, number>): Promise<void> {
    for (const [id, count] of changedByRule) {
      if (count <= 0) continue;
      const parameters = this.parameters();
      await this.query(
        `UPDATE "rules" SET "applied_count" = "applied_count" + ${parameters.add(count)}, "last_applied_at" = CURRENT_TIMESTAMP WHERE ${ownerCondition(scope, 'rules', parameters)} AND "id" = ${parameters.add(id)}`,
        parameters,
      );
    }
  }

  /** The learning row of the description and category, counted once more; made when it is the first. */
  @GenerateSql({ params: (f) => [f.scope, 'tesco stores', f.categoryId] })
  async countCategorising(scope: OwnerScope, descriptionKey: string, categoryId: number): Promise<{ id: number; timesCategorised: number; status: string }> {
    const parameters = this.parameters();
    const [row] = await this.query<{ id: unknown; times: unknown; status: string }>(
      `INSERT INTO "rule_suggestions" ("user_id", "description_key", "category_id", "times_categorised", "status")
        VALUES (${parameters.add(scope.userId)}, ${parameters.add(descriptionKey)}, ${parameters.add(categoryId)}, 1, 'COUNTING')
        ON CONFLICT ("user_id", "description_key", "category_id") DO UPDATE SET "times_categorised" = "rule_suggestions"."times_categorised" + 1
        RETURNING "id" AS "id", "times_categorised" AS "times", "status" AS "status"`,
      parameters,
    );
    return { id: Number(row.id), timesCategorised: Number(row.times), status: row.status };
  }

  /** Moves the suggestion from one status to another; whether it was in `from`. */
  @GenerateSql({ params: (f) => [f.scope, 1, ['COUNTING'], 'OPEN'] })
  async setSuggestionStatus(scope: OwnerScope, id: number, from: readonly string[], to: string): Promise<boolean> {
    const result = await this.manager.update(RuleSuggestion, { ...ownedBy(scope), id, status: In([...from]) }, { status: to });
    return (result.affected ?? 1) > 0;
  }

  /** The open offers, newest first. */
  @GenerateSql({ params: (f) => [f.scope] })
  async openSuggestions(scope: OwnerScope): Promise<RuleSuggestionRecord[]> {
    const rows = await this.manager.find(RuleSuggestion, { where: { ...ownedBy(scope), status: 'OPEN' }, order: { id: 'DESC' } });
    return rows.map(({ id, descriptionKey, categoryId, timesCategorised }) => ({ id, descriptionKey, categoryId, timesCategorised }));
  }

  @GenerateSql({ params: (f) => [f.scope, 1] })
  async findSuggestion(scope: OwnerScope, id: number): Promise<(RuleSuggestionRecord & { status: string }) | null> {
    const row = await this.manager.findOne(RuleSuggestion, { where: { ...ownedBy(scope), id } });
    return row && { id: row.id, descriptionKey: row.descriptionKey, categoryId: row.categoryId, timesCategorised: row.timesCategorised, status: row.status };
  }

  @GenerateSql({ params: (f) => [f.scope] })
  async deleteAllOf(scope: OwnerScope): Promise<void> {
    await this.manager.delete(RuleSuggestion, ownedBy(scope));
    await this.manager.delete(Rule, ownedBy(scope));
  }
}

function columnsOf(rule: NewRule): Partial<Rule> {
  return { ...rule, conditions: JSON.stringify(rule.conditions), actions: JSON.stringify(rule.actions) };
}

function recordOf(row: Rule): RuleRecord {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: Boolean(row.enabled),
    matchAll: Boolean(row.matchAll),
    conditions: JSON.parse(row.conditions) as RuleRecord['conditions'],
    actions: JSON.parse(row.actions) as RuleRecord['actions'],
    stopProcessing: Boolean(row.stopProcessing),
    override: Boolean(row.override),
    createdAt: row.createdAt,
    lastAppliedAt: row.lastAppliedAt,
    appliedCount: row.appliedCount,
  };
}
