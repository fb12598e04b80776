import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccountService } from './modules/accounts/account.service';
import { CategoryService } from './modules/categories/category.service';
import { DashboardRepository } from './modules/dashboard/dashboard.repository';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { ReceiptRepository } from './modules/receipts/receipt.repository';
import { ReceiptService } from './modules/receipts/receipt.service';
import { TransactionService } from './modules/transactions/transaction.service';
import type { SignInLimits } from './modules/users/sign-in-limits';
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
  receipts: ReceiptService;
  dashboard: DashboardService;
}

export interface ServiceDependencies {
  dataSource: DataSource;
  storage: ReceiptStorage;
  receiptMaxBytes: number;
  signInLimits: SignInLimits;
  logger: Logger;
  /** The session store's index of users' sessions, and the absolute timeout (the app has them; scripts do not). */
  sessions?: { index: UserSessionIndex; absoluteTimeoutMs: number };
}

export function createServices({ dataSource, storage, receiptMaxBytes, signInLimits, logger, sessions }: ServiceDependencies): Services {
  const receipts = new ReceiptService(new ReceiptRepository(dataSource), storage, receiptMaxBytes, logger);
  const userRepository = new UserRepository(dataSource);
  const twoFactor = new TwoFactorService(userRepository);
  const users = new UserService(dataSource, userRepository, receipts, signInLimits, twoFactor);
  return {
    users,
    twoFactor,
    sessions: new SignedInSessionService(userRepository, sessions?.index, sessions?.absoluteTimeoutMs),
    accounts: new AccountService(dataSource, receipts),
    categories: new CategoryService(dataSource),
    transactions: new TransactionService(dataSource, receipts),
    receipts,
    dashboard: new DashboardService(new DashboardRepository(dataSource)),
  };
}
