import { LIMITS } from '@finance-tracker/common';
import type { DataSource } from 'typeorm';
import { SqlParameters } from '../../db/sql-parameters';
import { writeTransaction } from '../../db/write-transaction';
import { parseCurrency } from '../../lib/currency';
import { AppError, badInput, conflict, notFound } from '../../lib/errors';
import { isCleanText, optionalText, requiredText } from '../../lib/text';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { starterCategories } from '../categories/starter-categories';
import { Receipt } from '../receipts/receipt.entity';
import type { ReceiptService } from '../receipts/receipt.service';
import { Transaction } from '../transactions/transaction.entity';
import { checkNewPassword, hashPassword, verifyPassword } from './password';
import type { SignInLimits } from './sign-in-limits';
import type { TwoFactorService } from './two-factor.service';
import { User } from './user.entity';

export interface RegisterData {
  email: string;
  password: string;
  name: string;
  currency?: string | null;
}

export interface ProfileChanges {
  name?: string | null;
  currency?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where a request comes from, for the per-IP limits. */
export interface ClientInfo {
  ip: string;
}

let unknownUserHashPromise: Promise<string> | undefined;
/** Hashed once: login runs argon2 on it for unknown emails, so timing does not tell. */
function unknownUserHash(): Promise<string> {
  unknownUserHashPromise ??= hashPassword('not-a-real-password-for-timing');
  return unknownUserHashPromise;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptService,
    private readonly limits: SignInLimits,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** Creates the user with a "Cash" account and starter categories, all or nothing. */
  async register(data: RegisterData, client: ClientInfo): Promise<User> {
    await this.limits.registrationsPerIp.count(client.ip);
    const email = normaliseEmail(data.email);
    checkNewPassword(data.password);
    const name = requiredText(data.name, 'name', LIMITS.name);
    const currency = parseCurrency(data.currency ?? 'USD');
    const passwordHash = await hashPassword(data.password);

    try {
      return await writeTransaction(this.dataSource, async (manager) => {
        if (await manager.existsBy(User, { emailKey: email.toLowerCase() })) throw emailTaken();
        const user = await manager.save(
          manager.create(User, { email, emailKey: email.toLowerCase(), passwordHash, name, currency }),
        );
        await manager.save(manager.create(Account, { userId: user.id, name: 'Cash', currency, openingBalance: 0n }));
        await manager.save(starterCategories.map((category) => manager.create(Category, { ...category, userId: user.id })));
        return user;
      });
    } catch (error) {
      // Two sign-ups racing for one email: the unique index decides, the loser gets CONFLICT.
      if (!(error instanceof AppError) && isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /**
   * Returns the user when the password matches, null otherwise, with the same work and answer for
   * an unknown email. Failures count per account and per IP; past the limit, TOO_MANY_REQUESTS.
   */
  async authenticate(email: string, password: string, client: ClientInfo, oneTimeCode?: string | null): Promise<User | null> {
    const emailKey = email.trim().toLowerCase().slice(0, 254);
    await this.limits.failedLoginsPerIp.assertAllowed(client.ip);
    await this.limits.failedLoginsPerAccount.assertAllowed(emailKey);
    // An email no account can have (NUL, lone surrogates) is looked up nowhere, but costs the same.
    const user = isCleanText(emailKey) ? await this.dataSource.manager.findOneBy(User, { emailKey }) : null;
    const matches = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), password);
    if (user && matches && user.twoFactorEnabled && !oneTimeCode) {
      throw new AppError('TWO_FACTOR_REQUIRED', 'Enter the code from your authenticator app, or a recovery code.', 'otp');
    }
    if (user && matches && (await this.twoFactor.verifySignInCode(user, oneTimeCode ?? ''))) {
      await this.limits.failedLoginsPerAccount.reset(emailKey);
      return user;
    }
    await this.limits.failedLoginsPerIp.count(client.ip);
    await this.limits.failedLoginsPerAccount.count(emailKey);
    return null;
  }

  findById(id: number): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { id });
  }

  /** Sets a new password after checking the current one; every other session of the user ends. */
  async changePassword(userId: number, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput('currentPassword', 'The current password is not right.');
    }
    // The current password was just checked, so the same text is the same password.
    if (newPassword === currentPassword) throw badInput('newPassword', 'The new password must differ from the current one.');
    checkNewPassword(newPassword, 'newPassword');
    user.passwordHash = await hashPassword(newPassword);
    user.sessionVersion += 1;
    return this.dataSource.manager.save(user);
  }

  /**
   * Deletes the user and everything they own, after checking the password. Rows go in one
   * transaction; the receipt files follow once the rows are gone.
   */
  async deleteAccount(userId: number, password: string): Promise<void> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (!(await verifyPassword(user.passwordHash, password))) throw badInput('password', 'The password is not right.');
    const storageKeys = await writeTransaction(this.dataSource, async (manager) => {
      const keys = await this.receipts.storageKeysOfUser(manager, userId);
      // Children first, so the result does not depend on the database enforcing ON DELETE CASCADE.
      for (const entity of [Receipt, Transaction, Category, Account]) await manager.delete(entity, { userId });
      await manager.delete(User, { id: userId });
      return keys;
    });
    await this.receipts.removeFiles(storageKeys);
  }

  /** Ends every session of the user that carries the current version; returns the new version. */
  async endSessions(userId: number): Promise<number> {
    await this.dataSource.manager.increment(User, { id: userId }, 'sessionVersion', 1);
    const version = await this.sessionVersionOf(userId);
    if (version === null) throw notFound('User');
    return version;
  }

  /** The version a session must carry to stay valid (null when the user is gone). */
  /** Read on every signed-in request, so in plain SQL. */
  async sessionVersionOf(userId: number): Promise<number | null> {
    const parameters = SqlParameters.for(this.dataSource);
    const [user]: { session_version: number }[] = await this.dataSource.query(
      `SELECT "session_version" FROM "users" WHERE "id" = ${parameters.add(userId)}`,
      parameters.values,
    );
    return user ? Number(user.session_version) : null;
  }

  async updateProfile(userId: number, changes: ProfileChanges): Promise<User> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (changes.name != null) user.name = requiredText(changes.name, 'name', LIMITS.name);
    if (changes.currency != null) user.currency = parseCurrency(changes.currency);
    return this.dataSource.manager.save(user);
  }
}

function normaliseEmail(value: string): string {
  const email = optionalText(value.trim(), 'email', LIMITS.email);
  if (!EMAIL.test(email)) throw badInput('email', 'Enter a valid email address.');
  return email;
}

function emailTaken() {
  return conflict('An account with this email already exists.', 'email');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
