import type { DataSource } from 'typeorm';
import { parseCurrency } from '../../lib/currency';
import { AppError, badInput, conflict } from '../../lib/errors';
import { requiredText } from '../../lib/text';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { starterCategories } from '../categories/starter-categories';
import { Receipt } from '../receipts/receipt.entity';
import type { ReceiptService } from '../receipts/receipt.service';
import { Transaction } from '../transactions/transaction.entity';
import { checkNewPassword, hashPassword, verifyPassword } from './password';
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

/** Hashed once at start-up: login runs argon2 on it for unknown emails, so timing does not tell. */
const unknownUserHash = hashPassword('not-a-real-password-for-timing');

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptService,
  ) {}

  /** Creates the user with a "Cash" account and starter categories, all or nothing. */
  async register(data: RegisterData): Promise<User> {
    const email = normaliseEmail(data.email);
    checkNewPassword(data.password);
    const name = requiredText(data.name, 'name', 100);
    const currency = parseCurrency(data.currency ?? 'USD');
    const passwordHash = await hashPassword(data.password);

    try {
      return await this.dataSource.transaction(async (manager) => {
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

  /** Returns the user when the password matches, null otherwise (same answer for unknown emails). */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.dataSource.manager.findOneBy(User, { emailKey: email.trim().toLowerCase() });
    const hash = user?.passwordHash ?? (await unknownUserHash);
    const matches = await verifyPassword(hash, password);
    return user && matches ? user : null;
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
    const storageKeys = await this.dataSource.transaction(async (manager) => {
      const keys = await this.receipts.storageKeysOfUser(manager, userId);
      // Children first, so the result does not depend on the database enforcing ON DELETE CASCADE.
      for (const entity of [Receipt, Transaction, Category, Account]) await manager.delete(entity, { userId });
      await manager.delete(User, { id: userId });
      return keys;
    });
    await this.receipts.removeFiles(storageKeys);
  }

  /** The version a session must carry to stay valid (null when the user is gone). */
  async sessionVersionOf(userId: number): Promise<number | null> {
    const user = await this.dataSource.manager.findOne(User, { select: { id: true, sessionVersion: true }, where: { id: userId } });
    return user?.sessionVersion ?? null;
  }

  async updateProfile(userId: number, changes: ProfileChanges): Promise<User> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (changes.name != null) user.name = requiredText(changes.name, 'name', 100);
    if (changes.currency != null) user.currency = parseCurrency(changes.currency);
    return this.dataSource.manager.save(user);
  }
}

function normaliseEmail(value: string): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput('email', 'Enter a valid email address.');
  return email;
}

function emailTaken() {
  return conflict('An account with this email already exists.', 'email');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
