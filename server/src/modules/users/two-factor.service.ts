import { createHash, randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import type { OwnerScope } from '../../db/owner-scope';
import { AppError, badInput, notFound } from '../../lib/errors';
import { verifyPassword } from './password';
import type { User } from './user.entity';
import type { TwoFactorSetup, TwoFactorState } from './user.model';
import type { UserRepository } from './user.repository';

const ISSUER = 'Finance Tracker';
const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;
/** otplib 12 (CommonJS; 13 pulls in ESM-only code). One step either side, for clocks that drift a little. */
const totp = authenticator.clone({ step: STEP_SECONDS, window: 1 });

/**
 * Optional TOTP two-factor sign-in (RFC 6238, as authenticator apps do it) with one-time
 * recovery codes, kept only as SHA-256 hashes. Turning it on or off ends the user's other
 * sessions, as a password change does.
 */
export class TwoFactorService {
  constructor(private readonly users: UserRepository) {}

  /** Offers a new secret; sign-in does not change until enable() sees a valid code for it. */
  async startSetup(scope: OwnerScope): Promise<TwoFactorSetup> {
    const user = await this.signedInUser(scope);
    if (user.totpSecret) throw new AppError('CONFLICT', 'Two-factor sign-in is already on.');
    const secret = totp.generateSecret();
    await this.users.offerTotpSecret(scope, secret);
    return { secret, otpauthUrl: totp.keyuri(user.email, ISSUER, secret) };
  }

  /** Turns two-factor sign-in on with the first valid code; returns the recovery codes, shown once. Other sessions end. */
  async enable(scope: OwnerScope, code: string): Promise<string[]> {
    const user = await this.signedInUser(scope);
    if (!user.totpPendingSecret) throw badInput('code', 'Start the setup first.');
    const step = acceptedStep(user.totpPendingSecret, code, null);
    if (step === null) throw badInput('code', 'That code is not right; check the time on your device.');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.users.enableTotp(scope, { secret: user.totpPendingSecret, lastStep: step, recoveryCodes: JSON.stringify(codes.map(hashCode)) });
    return codes;
  }

  /** Turns it off after checking the password; other sessions end. */
  async disable(scope: OwnerScope, password: string): Promise<void> {
    const user = await this.signedInUser(scope);
    if (!(await verifyPassword(user.passwordHash, password))) throw badInput('password', 'The password is not right.');
    await this.users.disableTotp(scope);
  }

  /**
   * Checks a sign-in code against the user's two-factor state: a current TOTP code not used
   * before, or an unused recovery code (which is then used up). The update is conditional, so two
   * requests cannot both spend one code.
   */
  async verifySignInCode(scope: OwnerScope, state: TwoFactorState, code: string): Promise<boolean> {
    if (!state.totpSecret) return true;
    const step = acceptedStep(state.totpSecret, code, state.totpLastStep);
    if (step !== null) return this.users.spendTotpStep(scope, step);
    const hashes = JSON.parse(state.recoveryCodes ?? '[]') as string[];
    const hash = hashCode(code);
    if (!hashes.includes(hash)) return false;
    return this.users.spendRecoveryCode(scope, state.recoveryCodes ?? '[]', JSON.stringify(hashes.filter((candidate) => candidate !== hash)));
  }

  private async signedInUser(scope: OwnerScope): Promise<User> {
    const user = await this.users.find(scope);
    if (!user) throw notFound('User');
    return user;
  }
}

/** The time step of a valid code that is newer than the last one used, or null. */
function acceptedStep(secret: string, code: string, lastStep: number | null): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp.checkDelta(token, secret);
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / STEP_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

function newRecoveryCode(): string {
  const raw = randomBytes(5).toString('hex');
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

function hashCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
