import { LIMITS } from '@finance-tracker/common';
import type { DataSource } from 'typeorm';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { writeTransaction } from '../../db/write-transaction';
import { parseCurrency } from '../../lib/currency';
import { AppError, badInput, conflict, notFound } from '../../lib/errors';
import { isCleanText, optionalText, requiredText } from '../../lib/text';
import { starterCategories } from '../categories/starter-categories';
import type { AccountRepository } from '../accounts/account.repository';
import type { CategoryRepository } from '../categories/category.repository';
import type { DeletionService } from '../deletion/deletion.service';
import { checkNewPassword, hashPassword, verifyPassword, type PasswordHashCost } from './password';
import type { SignInLimits } from './sign-in-limits';
import type { TwoFactorService } from './two-factor.service';
import type { User } from './user.entity';
import type { ClientInfo, ProfileChanges, ProfileColumns, RegisterData } from './user.model';
import type { UserRepository } from './user.repository';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    /** Where a new user's "Cash" account and starter categories are written. */
    private readonly starterRows: { accounts: AccountRepository; categories: CategoryRepository },
    private readonly deletion: DeletionService,
    private readonly limits: SignInLimits,
    private readonly twoFactor: TwoFactorService,
    private readonly passwordHashCost: PasswordHashCost,
  ) {}

  private unknownUserHashPromise: Promise<string> | undefined;
  /** Hashed once, at this service's cost: login runs argon2 on it for unknown emails, so timing does not tell. */
  private unknownUserHash(): Promise<string> {
    this.unknownUserHashPromise ??= hashPassword('not-a-real-password-for-timing', this.passwordHashCost);
    return this.unknownUserHashPromise;
  }

  /** Creates the user with a "Cash" account and starter categories, all or nothing. */
  async register(data: RegisterData, client: ClientInfo): Promise<User> {
    await this.limits.registrationsPerIp.count(client.ip);
    const email = normaliseEmail(data.email);
    checkNewPassword(data.password);
    const name = requiredText(data.name, 'name', LIMITS.name);
    const currency = parseCurrency(data.currency ?? 'USD');
    const passwordHash = await hashPassword(data.password, this.passwordHashCost);
    const emailKey = email.toLowerCase();

    return writeTransaction(this.dataSource, async (manager) => {
      const users = this.users.within(manager);
      if (await users.emailTakenBeforeSignIn(emailKey)) throw emailTaken();
      // Null when another sign-up took the email since the check: that one wins, this one gets CONFLICT.
      const user = await users.insertBeforeSignIn({ email, emailKey, passwordHash, name, currency });
      if (!user) throw emailTaken();
      const owner = ownerScope(user.id);
      await this.starterRows.accounts.within(manager).insert(owner, { name: 'Cash', currency, openingBalance: 0n, archived: false });
      await this.starterRows.categories.within(manager).insertMany(owner, starterCategories);
      return user;
    });
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
    const user = isCleanText(emailKey) ? await this.users.findByEmailBeforeSignIn(emailKey) : null;
    const matches = await verifyPassword(user?.passwordHash ?? (await this.unknownUserHash()), password);
    if (user && matches && user.twoFactorEnabled && !oneTimeCode) {
      throw new AppError('TWO_FACTOR_REQUIRED', 'Enter the code from your authenticator app, or a recovery code.', 'otp');
    }
    if (user && matches && (await this.twoFactor.verifySignInCode(ownerScope(user.id), user, oneTimeCode ?? ''))) {
      await this.limits.failedLoginsPerAccount.reset(emailKey);
      return user;
    }
    await this.limits.failedLoginsPerIp.count(client.ip);
    await this.limits.failedLoginsPerAccount.count(emailKey);
    return null;
  }

  /** The signed-in user, or null when they are gone. */
  find(scope: OwnerScope): Promise<User | null> {
    return this.users.find(scope);
  }

  /** Sets a new password after checking the current one; every other session of the user ends. */
  async changePassword(scope: OwnerScope, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.signedInUser(scope);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput('currentPassword', 'The current password is not right.');
    }
    // The current password was just checked, so the same text is the same password.
    if (newPassword === currentPassword) throw badInput('newPassword', 'The new password must differ from the current one.');
    checkNewPassword(newPassword, 'newPassword');
    await this.users.setPassword(scope, await hashPassword(newPassword, this.passwordHashCost));
    return this.signedInUser(scope);
  }

  /**
   * Deletes the user and everything they own, after checking the password. Rows go in one
   * transaction; the receipt files follow once the rows are gone.
   */
  async deleteAccount(scope: OwnerScope, password: string): Promise<void> {
    const user = await this.signedInUser(scope);
    if (!(await verifyPassword(user.passwordHash, password))) throw badInput('password', 'The password is not right.');
    await this.deletion.deleteOwned(scope, { everything: true });
  }

  /** Ends every session of the user that carries the current version; returns the new version. */
  async endSessions(scope: OwnerScope): Promise<number> {
    await this.users.bumpSessionVersion(scope);
    const version = await this.users.sessionVersionOf(scope);
    if (version === null) throw notFound('User');
    return version;
  }

  /**
   * The version a session must carry to stay valid (null when the user is gone). Asked by the
   * session guard before the request counts as signed in, so it takes the session's user id.
   */
  sessionVersionOf(userId: number): Promise<number | null> {
    return this.users.sessionVersionOf(ownerScope(userId));
  }

  async updateProfile(scope: OwnerScope, changes: ProfileChanges): Promise<User> {
    const columns: ProfileColumns = {};
    if (changes.name != null) columns.name = requiredText(changes.name, 'name', LIMITS.name);
    if (changes.currency != null) columns.currency = parseCurrency(changes.currency);
    if (columns.name !== undefined || columns.currency !== undefined) await this.users.updateProfile(scope, columns);
    return this.signedInUser(scope);
  }

  private async signedInUser(scope: OwnerScope): Promise<User> {
    const user = await this.users.find(scope);
    if (!user) throw notFound('User');
    return user;
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
