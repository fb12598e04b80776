import { GenerateSql } from '../../db/generate-sql';
import { ownedBy, type OwnerScope } from '../../db/owner-scope';
import { Repository } from '../../db/repository';
import { Account } from '../accounts/account.entity';
import { Category } from '../categories/category.entity';
import { starterCategories } from '../categories/starter-categories';
import { Receipt } from '../receipts/receipt.entity';
import { Transaction } from '../transactions/transaction.entity';
import { User } from './user.entity';
import type { EnabledTwoFactor, NewUser, ProfileColumns, StarterRows } from './user.model';

/** Turning two-factor sign-in on or off, or a new password, ends the user's other sessions. */
const NEXT_SESSION_VERSION = () => '"session_version" + 1';

/**
 * The users table is its own owner: the scope's user is the row its id names. Read through
 * ownedBy, so the scope keeps one place that says whose rows a statement touches.
 */
function ownRow(scope: OwnerScope): { id: number } {
  return { id: ownedBy(scope).userId };
}

/**
 * Users and their credentials (password, session version, two-factor state). Every method works on
 * the scope's own row, except the ones named `BeforeSignIn`: sign-up and sign-in look people up
 * by email, before anyone is signed in.
 */
export class UserRepository extends Repository {
  @GenerateSql({ params: (f) => [f.email.toLowerCase()] })
  findByEmailBeforeSignIn(emailKey: string): Promise<User | null> {
    return this.manager.findOneBy(User, { emailKey });
  }

  @GenerateSql({ params: (f) => [f.email.toLowerCase()] })
  emailTakenBeforeSignIn(emailKey: string): Promise<boolean> {
    return this.manager.existsBy(User, { emailKey });
  }

  /**
   * The new row, with its id, session version and creation time as the database set them; null
   * when the email is taken after all (two sign-ups racing for one email: the unique index decides).
   */
  @GenerateSql({
    params: (f) => [{ email: `new-${f.email}`, emailKey: `new-${f.email}`.toLowerCase(), passwordHash: 'hash', name: 'New', currency: 'USD' }],
  })
  async insertBeforeSignIn(user: NewUser): Promise<User | null> {
    try {
      return await this.manager.save(this.manager.create(User, user));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** What a new user starts with. (Account and category rows: they move to those repositories with deleteOwned.) */
  @GenerateSql({
    params: (f) => [f.scope, { accountName: 'Catalogue cash', currency: 'USD', categories: [{ ...starterCategories[0], name: 'Catalogue starter' }] }],
  })
  async insertStarterRows(scope: OwnerScope, rows: StarterRows): Promise<void> {
    await this.manager.insert(Account, { ...ownedBy(scope), name: rows.accountName, currency: rows.currency, openingBalance: 0n });
    await this.manager.insert(Category, rows.categories.map((category) => ({ ...category, ...ownedBy(scope) })));
  }

  @GenerateSql({ params: (f) => [f.scope] })
  find(scope: OwnerScope): Promise<User | null> {
    return this.manager.findOneBy(User, ownRow(scope));
  }

  /** Read on every signed-in request, so in plain SQL. Null when the user is gone. */
  @GenerateSql({ params: (f) => [f.scope] })
  async sessionVersionOf(scope: OwnerScope): Promise<number | null> {
    const parameters = this.parameters();
    const [row] = await this.query<{ session_version: number }>(
      `SELECT "session_version" FROM "users" WHERE "id" = ${parameters.add(ownRow(scope).id)}`,
      parameters,
    );
    return row ? Number(row.session_version) : null;
  }

  /** Ends every session that carries the current version. */
  @GenerateSql({ params: (f) => [f.scope] })
  async bumpSessionVersion(scope: OwnerScope): Promise<void> {
    await this.manager.increment(User, ownRow(scope), 'sessionVersion', 1);
  }

  /** A new password; sessions of the old one end. */
  @GenerateSql({ params: (f) => [f.scope, 'hash'] })
  async setPassword(scope: OwnerScope, passwordHash: string): Promise<void> {
    await this.manager.update(User, ownRow(scope), { passwordHash, sessionVersion: NEXT_SESSION_VERSION });
  }

  @GenerateSql({ params: (f) => [f.scope, { name: 'Ada', currency: 'USD' }] })
  async updateProfile(scope: OwnerScope, changes: ProfileColumns): Promise<void> {
    await this.manager.update(User, ownRow(scope), changes);
  }

  /** A secret offered for two-factor sign-in, waiting for its first valid code. */
  @GenerateSql({ params: (f) => [f.scope, 'JBSWY3DPEHPK3PXP'] })
  async offerTotpSecret(scope: OwnerScope, secret: string): Promise<void> {
    await this.manager.update(User, ownRow(scope), { totpPendingSecret: secret });
  }

  /** Two-factor sign-in on with the offered secret; other sessions end. */
  @GenerateSql({ params: (f) => [f.scope, { secret: 'JBSWY3DPEHPK3PXP', lastStep: 1, recoveryCodes: '[]' }] })
  async enableTotp(scope: OwnerScope, enabled: EnabledTwoFactor): Promise<void> {
    await this.manager.update(User, ownRow(scope), {
      totpSecret: enabled.secret,
      totpPendingSecret: null,
      totpLastStep: enabled.lastStep,
      recoveryCodes: enabled.recoveryCodes,
      sessionVersion: NEXT_SESSION_VERSION,
    });
  }

  /** Two-factor sign-in off; other sessions end. */
  @GenerateSql({ params: (f) => [f.scope] })
  async disableTotp(scope: OwnerScope): Promise<void> {
    await this.manager.update(User, ownRow(scope), {
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      recoveryCodes: null,
      sessionVersion: NEXT_SESSION_VERSION,
    });
  }

  /** Records a code's time step unless that step or a later one was used: false when another request won. */
  @GenerateSql({ params: (f) => [f.scope, 1] })
  async spendTotpStep(scope: OwnerScope, step: number): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: step })
      .where(ownRow(scope))
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Replaces the unused recovery codes if they are still `current`: false when another request spent one first. */
  @GenerateSql({ params: (f) => [f.scope, '[]', '[]'] })
  async spendRecoveryCode(scope: OwnerScope, current: string, remaining: string): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(User)
      .set({ recoveryCodes: remaining })
      .where(ownRow(scope))
      .andWhere('recovery_codes = :current', { current })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** The user's own row (what they own goes first: DeletionService). Whether it was there. */
  @GenerateSql({ params: (f) => [f.scope] })
  async delete(scope: OwnerScope): Promise<boolean> {
    const result = await this.manager.delete(User, ownRow(scope));
    return (result.affected ?? 1) > 0;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
