import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyRepository } from './db/idempotency-key.repository';
import { IdempotencyKeys } from './db/idempotency-keys';
import { AccountRepository } from './modules/accounts/account.repository';
import { AccountService } from './modules/accounts/account.service';
import { BackupRepository } from './modules/backups/backup.repository';
import { BackupService } from './modules/backups/backup.service';
import { RestoreService } from './modules/backups/restore.service';
import { BudgetRepository } from './modules/budgets/budget.repository';
import { BudgetService } from './modules/budgets/budget.service';
import { CategoryRepository } from './modules/categories/category.repository';
import { CategoryService } from './modules/categories/category.service';
import { DashboardRepository } from './modules/dashboard/dashboard.repository';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { DeletionService } from './modules/deletion/deletion.service';
import { ExportService } from './modules/exports/export.service';
import { ImportBatchRepository } from './modules/imports/import-batch.repository';
import { ImportPreviewRepository } from './modules/imports/import-preview.repository';
import { ImportRepository } from './modules/imports/import.repository';
import { ImportCommitService } from './modules/imports/import-commit.service';
import { ImportService } from './modules/imports/import.service';
import { ReceiptRepository } from './modules/receipts/receipt.repository';
import { ReceiptService } from './modules/receipts/receipt.service';
import { RuleBook } from './modules/rules/rule-book';
import { RuleOutcomeWriter } from './modules/rules/rule-outcome-writer';
import { RuleRepository } from './modules/rules/rule.repository';
import { RuleService } from './modules/rules/rule.service';
import { SplitRepository } from './modules/splits/split.repository';
import { SplitService } from './modules/splits/split.service';
import { TransactionRepository } from './modules/transactions/transaction.repository';
import { TransferLegs } from './modules/transfers/transfer-legs';
import { TransferRepository } from './modules/transfers/transfer.repository';
import { TransferService } from './modules/transfers/transfer.service';
import { TransactionService } from './modules/transactions/transaction.service';
import type { SignInLimits } from './modules/users/sign-in-limits';
import type { PasswordHashCost } from './modules/users/password';
import { SignedInSessionService } from './modules/users/signed-in-sessions.service';
import { TwoFactorService } from './modules/users/two-factor.service';
import { UserRepository } from './modules/users/user.repository';
import { UserService } from './modules/users/user.service';
import type { UserSessionIndex } from './sessions/session-index';
import type { ReceiptStorage } from './storage/receipt-storage';

/** Every service, built once per process from its dependencies. Scripts (seed, import) use this too. */
export interface Services {
  users: UserService;
  twoFactor: TwoFactorService;
  sessions: SignedInSessionService;
  accounts: AccountService;
  categories: CategoryService;
  transactions: TransactionService;
  transfers: TransferService;
  splits: SplitService;
  receipts: ReceiptService;
  dashboard: DashboardService;
  imports: ImportService;
  importCommits: ImportCommitService;
  rules: RuleService;
  budgets: BudgetService;
  backups: BackupService;
  restores: RestoreService;
  exports: ExportService;
}

export interface ServiceDependencies {
  dataSource: DataSource;
  storage: ReceiptStorage;
  receiptMaxBytes: number;
  /** The largest statement file an import reads (IMPORT_MAX_MB). */
  importMaxBytes: number;
  /** The most rows a statement of an import may hold (IMPORT_MAX_ROWS). */
  importMaxRows: number;
  /** The most rules one user may keep (RULES_PER_USER). */
  rulesPerUser: number;
  /** How much work a new password hash takes (PASSWORD_HASH_COST). */
  passwordHashCost: PasswordHashCost;
  signInLimits: SignInLimits;
  logger: Logger;
  /** The session store's index of users' sessions, and the absolute timeout (the app has them; scripts do not). */
  sessions?: { index: UserSessionIndex; absoluteTimeoutMs: number };
}

export function createServices({ dataSource, storage, receiptMaxBytes, importMaxBytes, importMaxRows, rulesPerUser, passwordHashCost, signInLimits, logger, sessions }: ServiceDependencies): Services {
  const userRepository = new UserRepository(dataSource);
  const accountRepository = new AccountRepository(dataSource);
  const categoryRepository = new CategoryRepository(dataSource);
  const transactionRepository = new TransactionRepository(dataSource);
  const receiptRepository = new ReceiptRepository(dataSource);
  const idempotencyKeys = new IdempotencyKeys(new IdempotencyKeyRepository(dataSource));
  const deletion = new DeletionService(
    dataSource,
    { receipts: receiptRepository, transactions: transactionRepository, accounts: accountRepository, categories: categoryRepository, users: userRepository },
    storage,
    logger,
  );
  const transferRepository = new TransferRepository(dataSource);
  const splitRepository = new SplitRepository(dataSource);
  const splits = new SplitService(dataSource, splitRepository, transactionRepository, transferRepository, accountRepository, categoryRepository);
  const importPreviews = new ImportPreviewRepository(dataSource);
  const importBatches = new ImportBatchRepository(dataSource);
  const importRepository = new ImportRepository(dataSource);
  const legs = new TransferLegs(transferRepository, transactionRepository, splitRepository);
  const transfers = new TransferService(dataSource, transferRepository, transactionRepository, accountRepository, idempotencyKeys);
  const ruleRepository = new RuleRepository(dataSource);
  const backupRepository = new BackupRepository(dataSource);
  const rules = { book: new RuleBook(ruleRepository, categoryRepository, accountRepository), writer: new RuleOutcomeWriter(transactionRepository, { service: splits, repository: splitRepository }, transfers) };
  const receipts = new ReceiptService(receiptRepository, deletion, storage, receiptMaxBytes, logger);
  const twoFactor = new TwoFactorService(userRepository);
  const transactions = new TransactionService(
    dataSource,
    transactionRepository,
    accountRepository,
    categoryRepository,
    deletion,
    idempotencyKeys,
    { service: splits, repository: splitRepository },
    legs,
    transferRepository,
    rules,
  );
  const dashboardRepository = new DashboardRepository(dataSource);
  const users = new UserService(dataSource, userRepository, { accounts: accountRepository, categories: categoryRepository }, deletion, signInLimits, twoFactor, passwordHashCost);
  return {
    users,
    twoFactor,
    sessions: new SignedInSessionService(userRepository, sessions?.index, sessions?.absoluteTimeoutMs),
    accounts: new AccountService(dataSource, accountRepository, transactionRepository, deletion, idempotencyKeys),
    categories: new CategoryService(dataSource, categoryRepository, transactionRepository, idempotencyKeys),
    transactions,
    transfers,
    splits,
    receipts,
    dashboard: new DashboardService(dashboardRepository, transactionRepository, categoryRepository),
    imports: new ImportService(dataSource, importPreviews, importBatches, importRepository, accountRepository, categoryRepository, rules.book, {
      maxBytes: importMaxBytes,
      maxRows: importMaxRows,
    }),
    importCommits: new ImportCommitService(
      dataSource,
      importPreviews,
      importBatches,
      importRepository,
      accountRepository,
      categoryRepository,
      transactionRepository,
      { service: splits, repository: splitRepository },
      deletion,
      transfers,
      legs,
      rules,
    ),
    rules: new RuleService(dataSource, ruleRepository, accountRepository, transactions, transactionRepository, rules.writer, rules.book, rulesPerUser),
    budgets: new BudgetService(dataSource, new BudgetRepository(dataSource), dashboardRepository, categoryRepository),
    backups: new BackupService(backupRepository, storage),
    restores: new RestoreService(dataSource, { backups: backupRepository, imports: importRepository }, storage, logger),
    exports: new ExportService({ service: transactions, repository: transactionRepository }, splitRepository, transferRepository, receiptRepository, categoryRepository),
  };
}
