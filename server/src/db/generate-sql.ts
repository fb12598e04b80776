import type { OwnerScope } from './owner-scope';

/**
 * Rows that exist while the SQL catalogue is recorded (db/sql-catalog.ts): a user with two
 * accounts, a category, a transaction and a receipt, so that every method runs to its end.
 */
export interface SqlFixture {
  scope: OwnerScope;
  userId: number;
  email: string;
  accountId: number;
  otherAccountId: number;
  categoryId: number;
  transactionId: number;
  receiptId: number;
  /** A calendar date that the transaction has. */
  date: string;
}

export interface SqlExample {
  /** Tells apart several examples of one method in the catalogue ("by account", "search"). */
  name?: string;
  /** The method's arguments. */
  params: (fixture: SqlFixture) => unknown[];
}

const examples = new Map<object, Map<string, SqlExample[]>>();

/**
 * Marks a repository method whose SQL is written to the committed catalogue `server/queries/`,
 * one file per repository and dialect, so a reviewer sees what a change sends (Immich's
 * @GenerateSql). A test fails when the catalogue differs from what the code sends.
 */
export function GenerateSql(...methodExamples: SqlExample[]): MethodDecorator {
  return (target, propertyKey) => {
    const constructor = (target as { constructor: object }).constructor;
    const methods = examples.get(constructor) ?? new Map<string, SqlExample[]>();
    methods.set(String(propertyKey), methodExamples.length ? methodExamples : [{ params: () => [] }]);
    examples.set(constructor, methods);
  };
}

/** The recorded methods of a repository class and their examples, in declaration order. */
export function sqlExamplesOf(repositoryClass: object): ReadonlyMap<string, SqlExample[]> {
  return examples.get(repositoryClass) ?? new Map();
}
