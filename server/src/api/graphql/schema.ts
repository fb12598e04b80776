import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { AccountResolver } from '../../modules/accounts/account.resolver';
import { BackupResolver } from '../../modules/backups/backup.resolver';
import { BudgetResolver } from '../../modules/budgets/budget.resolver';
import { CategoryResolver } from '../../modules/categories/category.resolver';
import { DashboardResolver } from '../../modules/dashboard/dashboard.resolver';
import { ImportBatchResolver, ImportPreviewRowResolver, ImportResolver } from '../../modules/imports/import.resolver';
import { ReceiptResolver } from '../../modules/receipts/receipt.resolver';
import { ImportPreviewRowRulesResolver, RuleChangeResolver, RuleResolver, RuleSplitChangeResolver, RuleSuggestionResolver, TransactionRulesResolver } from '../../modules/rules/rule.resolver';
import { SplitResolver, TransactionSplitsResolver } from '../../modules/splits/split.resolver';
import { TransactionConnectionResolver, TransactionResolver } from '../../modules/transactions/transaction.resolver';
import { TransactionTransferResolver, TransferResolver } from '../../modules/transfers/transfer.resolver';
import { AuthResolver } from '../../modules/users/user.resolver';
import type { Services } from '../../services';
import { DateTimeScalar } from './scalars';

const resolvers = [
  AuthResolver,
  AccountResolver,
  CategoryResolver,
  TransactionResolver,
  TransactionConnectionResolver,
  TransferResolver,
  TransactionTransferResolver,
  SplitResolver,
  TransactionSplitsResolver,
  ReceiptResolver,
  DashboardResolver,
  ImportResolver,
  ImportPreviewRowResolver,
  ImportBatchResolver,
  RuleResolver,
  RuleChangeResolver,
  RuleSplitChangeResolver,
  RuleSuggestionResolver,
  TransactionRulesResolver,
  ImportPreviewRowRulesResolver,
  BudgetResolver,
  BackupResolver,
] as const;

/** One instance of each resolver, given the services it uses rather than the whole bag. */
function resolverInstances(services: Services): Map<unknown, unknown> {
  const { users, twoFactor, sessions, accounts, categories, transactions, transfers, splits, receipts, dashboard, imports, importCommits, rules, budgets, restores } = services;
  return new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver({ users, twoFactor, sessions })],
    [AccountResolver, new AccountResolver({ accounts })],
    [CategoryResolver, new CategoryResolver({ categories })],
    [TransactionResolver, new TransactionResolver({ transactions })],
    [TransactionConnectionResolver, new TransactionConnectionResolver({ transactions })],
    [TransferResolver, new TransferResolver({ transfers, transactions })],
    [TransactionTransferResolver, new TransactionTransferResolver()],
    [SplitResolver, new SplitResolver({ splits })],
    [TransactionSplitsResolver, new TransactionSplitsResolver()],
    [ReceiptResolver, new ReceiptResolver({ receipts, transactions, imports })],
    [DashboardResolver, new DashboardResolver({ dashboard })],
    [ImportResolver, new ImportResolver({ imports, importCommits, accounts })],
    [ImportPreviewRowResolver, new ImportPreviewRowResolver()],
    [ImportBatchResolver, new ImportBatchResolver({ accounts })],
    [RuleResolver, new RuleResolver({ rules })],
    [RuleChangeResolver, new RuleChangeResolver({ accounts })],
    [RuleSplitChangeResolver, new RuleSplitChangeResolver()],
    [RuleSuggestionResolver, new RuleSuggestionResolver()],
    [TransactionRulesResolver, new TransactionRulesResolver()],
    [ImportPreviewRowRulesResolver, new ImportPreviewRowRulesResolver()],
    [BudgetResolver, new BudgetResolver({ budgets })],
    [BackupResolver, new BackupResolver({ restores })],
  ]);
}

/**
 * Builds the executable schema. Without services it can still be printed (schema.graphql), but
 * not executed.
 */
export async function buildAppSchema(services?: Services): Promise<GraphQLSchema> {
  const instances = services ? resolverInstances(services) : new Map<unknown, unknown>();
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // No global middlewares or auth checker: every object type is declared with simpleResolvers,
    // so plain fields go straight to graphql-js's default resolver.
    container: {
      get: (someClass) => {
        const instance = instances.get(someClass);
        if (!instance) throw new Error(`No resolver instance for ${String((someClass as { name?: string }).name)}`);
        return instance;
      },
    },
  });
  sortResolverParamsOnce();
  return schema;
}

/**
 * TypeGraphQL sorts each resolver's parameters by position on every call (getParams), which
 * allocates a sort's work array per field per row: on a page of fifty transactions that was the
 * largest allocation after the rows themselves. The order is fixed once the schema is built, so
 * each list answers `sort` with its sorted copy, made once. The list itself keeps its order: the
 * schema builder reads it for the fields' arguments, in the order schema.graphql prints them.
 */
function sortResolverParamsOnce(): void {
  const storage = getMetadataStorage();
  for (const handler of [...storage.queries, ...storage.mutations, ...storage.subscriptions, ...storage.fieldResolvers]) {
    const params = handler.params;
    if (!params || Object.hasOwn(params, 'sort')) continue;
    const sorted = [...params].sort((a, b) => a.index - b.index);
    Object.defineProperty(params, 'sort', { value: () => sorted });
  }
}
