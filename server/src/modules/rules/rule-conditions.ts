import type { RuleConditionData, RuleField, RuleOperator, RuleSubject } from './rule.model';
import {
  compareToDecimal,
  dateValue,
  decimalValue,
  idValue,
  integerInRange,
  listValue,
  normalizedText,
  oneOrList,
  RuleValueError,
  type Decimal,
} from './rule-values';

/** A subject with its texts normalised once (when first read), however many rules read them. */
export class PreparedSubject {
  private description: string | undefined;
  private importedDescription: string | undefined;
  private notes: string | undefined;
  private isoWeekday: number | undefined;

  constructor(readonly subject: RuleSubject) {}

  /** 1 (Monday) to 7 (Sunday): a Date per row, not per rule that asks. */
  weekday(): number {
    return (this.isoWeekday ??= isoWeekday(this.subject.date));
  }

  text(field: 'DESCRIPTION' | 'IMPORTED_DESCRIPTION' | 'NOTES'): string {
    if (field === 'DESCRIPTION') return (this.description ??= normalizedText(this.subject.description));
    if (field === 'NOTES') return (this.notes ??= normalizedText(this.subject.notes));
    return (this.importedDescription ??= normalizedText(this.subject.importedDescription));
  }
}

export type ConditionTest = (subject: PreparedSubject) => boolean;

const TEXT_OPERATORS: readonly RuleOperator[] = ['IS', 'IS_NOT', 'CONTAINS', 'NOT_CONTAINS', 'STARTS_WITH', 'NOT_STARTS_WITH', 'ENDS_WITH', 'NOT_ENDS_WITH', 'ONE_OF', 'NOT_ONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY'];
const AMOUNT_OPERATORS: readonly RuleOperator[] = ['IS', 'IS_NOT', 'APPROX', 'GT', 'LT', 'BETWEEN', 'MONEY_IN', 'MONEY_OUT'];
const ID_OPERATORS: readonly RuleOperator[] = ['IS', 'IS_NOT', 'ONE_OF', 'NOT_ONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY'];
const DATE_OPERATORS: readonly RuleOperator[] = ['IS', 'GT', 'LT', 'BETWEEN', 'WEEKDAY', 'DAY_OF_MONTH'];

/** The operators each field takes. */
const OPERATORS_BY_FIELD: Record<RuleField, readonly RuleOperator[]> = {
  DESCRIPTION: TEXT_OPERATORS,
  IMPORTED_DESCRIPTION: TEXT_OPERATORS,
  NOTES: TEXT_OPERATORS,
  AMOUNT: AMOUNT_OPERATORS,
  ACCOUNT: ID_OPERATORS,
  CATEGORY: ID_OPERATORS,
  DATE: DATE_OPERATORS,
};

/** Within this many percent, when APPROX gives no percent of its own. */
const DEFAULT_APPROX_PERCENT = '5';

/**
 * The condition as a test, its value read once. Throws RuleValueError when the value does not
 * parse for its field and operator. Ids it names are checked by the service (ownership), not here.
 */
export function compileCondition(condition: RuleConditionData): ConditionTest {
  const { field, operator, value } = condition;
  if (!OPERATORS_BY_FIELD[field]?.includes(operator)) throw new RuleValueError(`${field} does not take ${operator}`);
  switch (field) {
    case 'DESCRIPTION':
    case 'IMPORTED_DESCRIPTION':
    case 'NOTES':
      return textTest(field, operator, value);
    case 'AMOUNT':
      return amountTest(operator, value);
    case 'ACCOUNT':
      return idTest(operator, value, (subject) => subject.accountId, () => false);
    case 'CATEGORY':
      // Empty means uncategorised: a split row's parts and a transfer leg are not.
      return idTest(operator, value, (subject) => subject.categoryId, (subject) => subject.categoryId === null && !subject.isSplit && !subject.isTransfer);
    case 'DATE':
      return dateTest(operator, value);
  }
}

/**
 * Cheapest first: text (normalised once per row) and ids, then dates, then amounts (BigInt
 * arithmetic). All and any of pure tests mean the same in any order; a rule whose text does not
 * match then never reaches its amount test, which 300 rules over 10 000 rows otherwise did.
 */
const COST: Record<RuleField, number> = { DESCRIPTION: 0, IMPORTED_DESCRIPTION: 0, NOTES: 0, ACCOUNT: 0, CATEGORY: 0, DATE: 1, AMOUNT: 2 };

export function cheapestFirst(conditions: readonly RuleConditionData[]): RuleConditionData[] {
  return [...conditions].sort((a, b) => COST[a.field] - COST[b.field]);
}

/** The ids a condition names (ACCOUNT or CATEGORY), for the service to check they are the owner's. */
export function idsOfCondition(condition: RuleConditionData): number[] {
  if (condition.field !== 'ACCOUNT' && condition.field !== 'CATEGORY') return [];
  if (condition.operator === 'IS_EMPTY' || condition.operator === 'IS_NOT_EMPTY') return [];
  return (condition.operator === 'ONE_OF' || condition.operator === 'NOT_ONE_OF' ? listValue(condition.value) : [condition.value]).map(idValue);
}

function textTest(field: 'DESCRIPTION' | 'IMPORTED_DESCRIPTION' | 'NOTES', operator: RuleOperator, value: string): ConditionTest {
  if (operator === 'IS_EMPTY') return (subject) => subject.text(field) === '';
  if (operator === 'IS_NOT_EMPTY') return (subject) => subject.text(field) !== '';
  if (operator === 'ONE_OF' || operator === 'NOT_ONE_OF') {
    const options = new Set(listValue(value).map(normalizedText));
    if (options.has('')) throw new RuleValueError('the list holds an empty value');
    return operator === 'ONE_OF' ? (subject) => options.has(subject.text(field)) : (subject) => !options.has(subject.text(field));
  }
  const needle = normalizedText(value);
  if (!needle) throw new RuleValueError('give the text to compare with');
  if (needle.length > 500) throw new RuleValueError('the text is longer than 500 characters');
  const positive: Record<string, (text: string) => boolean> = {
    IS: (text) => text === needle,
    CONTAINS: (text) => text.includes(needle),
    STARTS_WITH: (text) => text.startsWith(needle),
    ENDS_WITH: (text) => text.endsWith(needle),
  };
  const negated = operator.startsWith('NOT_') || operator === 'IS_NOT';
  const test = positive[operator === 'IS_NOT' ? 'IS' : operator.replace(/^NOT_/, '')];
  return negated ? (subject) => !test(subject.text(field)) : (subject) => test(subject.text(field));
}

function amountTest(operator: RuleOperator, value: string): ConditionTest {
  if (operator === 'MONEY_IN') return ({ subject }) => subject.amount > 0n;
  if (operator === 'MONEY_OUT') return ({ subject }) => subject.amount < 0n;
  const compare = (decimal: Decimal) => (subject: RuleSubject) => compareToDecimal(subject.amount, subject.digits, decimal);
  if (operator === 'BETWEEN') {
    const [low, high] = listValue(value, { min: 2, max: 2 }).map((text) => decimalValue(text));
    const [lower, upper] = compareDecimals(low, high) <= 0 ? [compare(low), compare(high)] : [compare(high), compare(low)];
    return ({ subject }) => lower(subject) >= 0 && upper(subject) <= 0;
  }
  if (operator === 'APPROX') {
    const [amountText, percentText = DEFAULT_APPROX_PERCENT] = value.trim().startsWith('[') ? listValue(value, { min: 1, max: 2 }) : [value];
    const target = decimalValue(amountText);
    const percent = decimalValue(percentText, 2);
    if (percent.units < 0n || percent.units > 100n * 10n ** BigInt(percent.scale)) throw new RuleValueError('the percent is not between 0 and 100');
    // |amount - target| <= |target| * percent / 100, in integers: both sides at scale target.scale + digits + percent.scale + 2.
    return ({ subject }) => {
      const amount = subject.amount * 10n ** BigInt(target.scale);
      const wanted = target.units * 10n ** BigInt(subject.digits);
      const difference = amount > wanted ? amount - wanted : wanted - amount;
      const size = wanted < 0n ? -wanted : wanted;
      return difference * 100n * 10n ** BigInt(percent.scale) <= size * percent.units;
    };
  }
  const test = compare(decimalValue(value));
  if (operator === 'IS') return ({ subject }) => test(subject) === 0;
  if (operator === 'IS_NOT') return ({ subject }) => test(subject) !== 0;
  if (operator === 'GT') return ({ subject }) => test(subject) > 0;
  return ({ subject }) => test(subject) < 0;
}

function compareDecimals(a: Decimal, b: Decimal): number {
  const left = a.units * 10n ** BigInt(b.scale);
  const right = b.units * 10n ** BigInt(a.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function idTest(operator: RuleOperator, value: string, idOf: (subject: RuleSubject) => number | null, isEmpty: (subject: RuleSubject) => boolean): ConditionTest {
  if (operator === 'IS_EMPTY') return ({ subject }) => isEmpty(subject);
  if (operator === 'IS_NOT_EMPTY') return ({ subject }) => !isEmpty(subject);
  const ids = new Set(operator === 'ONE_OF' || operator === 'NOT_ONE_OF' ? listValue(value).map(idValue) : [idValue(value)]);
  const positive = operator === 'IS' || operator === 'ONE_OF';
  return ({ subject }) => {
    const id = idOf(subject);
    return (id !== null && ids.has(id)) === positive;
  };
}

function dateTest(operator: RuleOperator, value: string): ConditionTest {
  if (operator === 'WEEKDAY') {
    const days = new Set(oneOrList(value).map((text) => integerInRange(text, 1, 7, 'weekday')));
    return (prepared) => days.has(prepared.weekday());
  }
  if (operator === 'DAY_OF_MONTH') {
    const days = new Set(oneOrList(value).map((text) => integerInRange(text, 1, 31, 'day of the month')));
    return ({ subject }) => days.has(Number(subject.date.slice(8, 10)));
  }
  if (operator === 'BETWEEN') {
    const [from, to] = listValue(value, { min: 2, max: 2 }).map(dateValue).sort();
    return ({ subject }) => subject.date >= from && subject.date <= to;
  }
  const date = dateValue(value);
  if (operator === 'IS') return ({ subject }) => subject.date === date;
  if (operator === 'GT') return ({ subject }) => subject.date > date;
  return ({ subject }) => subject.date < date;
}

/** 1 (Monday) to 7 (Sunday). */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
