import { createHash, randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import type { DataSource } from 'typeorm';
import { AppError, badInput } from '../../lib/errors';
import { verifyPassword } from './password';
import { User } from './user.entity';

const ISSUER = 'Finance Tracker';
const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;
/** otplib 12 (CommonJS; 13 pulls in ESM-only code). One step either side, for clocks that drift a little. */
const totp = authenticator.clone({ step: STEP_SECONDS, window: 1 });

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
}

/** Turning two-factor sign-in on or off ends the user's other sessions, as a password change does. */
const NEXT_SESSION_VERSION = () => '"session_version" + 1';

/**
 * Optional TOTP two-factor sign-in (RFC 6238, as authenticator apps do it) with one-time
 * recovery codes, kept only as SHA-256 hashes.
 */
export class TwoFactorService {
  constructor(private readonly dataSource: DataSource) {}

  /** Offers a new secret; sign-in does not change until enable() sees a valid code for it. */
  async startSetup(userId: number): Promise<TwoFactorSetup> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (user.totpSecret) throw new AppError('CONFLICT', 'Two-factor sign-in is already on.');
    const secret = totp.generateSecret();
    await this.dataSource.manager.update(User, { id: userId }, { totpPendingSecret: secret });
    return { secret, otpauthUrl: totp.keyuri(user.email, ISSUER, secret) };
  }

  /** Turns two-factor sign-in on with the first valid code; returns the recovery codes, shown once. Other sessions end. */
  async enable(userId: number, code: string): Promise<string[]> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (!user.totpPendingSecret) throw badInput('code', 'Start the setup first.');
    const step = acceptedStep(user.totpPendingSecret, code, null);
    if (step === null) throw badInput('code', 'That code is not right; check the time on your device.');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.manager.update(User, { id: userId }, {
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpLastStep: step,
      recoveryCodes: JSON.stringify(codes.map(hashCode)),
      sessionVersion: NEXT_SESSION_VERSION,
    });
    return codes;
  }

  /** Turns it off after checking the password; other sessions end. */
  async disable(userId: number, password: string): Promise<void> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    if (!(await verifyPassword(user.passwordHash, password))) throw badInput('password', 'The password is not right.');
    await this.dataSource.manager.update(User, { id: userId }, {
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      recoveryCodes: null,
      sessionVersion: NEXT_SESSION_VERSION,
    });
  }

  /**
   * Checks a sign-in code: a current TOTP code not used before, or an unused recovery code (which
   * is then used up). The update is conditional, so two requests cannot both spend one code.
   */
  async verifySignInCode(user: User, code: string): Promise<boolean> {
    if (!user.totpSecret) return true;
    const step = acceptedStep(user.totpSecret, code, user.totpLastStep);
    if (step !== null) {
      const result = await this.dataSource.manager
        .createQueryBuilder()
        .update(User)
        .set({ totpLastStep: step })
        .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id: user.id, step })
        .execute();
      return (result.affected ?? 0) === 1;
    }
    const hashes: string[] = JSON.parse(user.recoveryCodes ?? '[]');
    const hash = hashCode(code);
    if (!hashes.includes(hash)) return false;
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(User)
      .set({ recoveryCodes: JSON.stringify(hashes.filter((candidate) => candidate !== hash)) })
      .where('id = :id AND recovery_codes = :current', { id: user.id, current: user.recoveryCodes })
      .execute();
    return (result.affected ?? 0) === 1;
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
