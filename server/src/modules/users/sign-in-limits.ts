import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config';
import { AttemptLimiter } from '../../limits/attempt-limiter';

const FIFTEEN_MINUTES = 15 * 60;
const ONE_HOUR = 60 * 60;

/**
 * Brute-force and harvesting limits: failed sign-ins per account and per IP, and sign-ups per IP.
 * Shared through Redis when it is configured, so they hold across replicas.
 */
export class SignInLimits {
  readonly failedLoginsPerAccount: AttemptLimiter;
  readonly failedLoginsPerIp: AttemptLimiter;
  readonly registrationsPerIp: AttemptLimiter;

  constructor(limits: AppConfig['rateLimits'], redis: { client: Redis; prefix: string } | null) {
    this.failedLoginsPerAccount = new AttemptLimiter('login-account', limits.loginPerAccount, FIFTEEN_MINUTES, redis);
    this.failedLoginsPerIp = new AttemptLimiter('login-ip', limits.loginPerIp, FIFTEEN_MINUTES, redis);
    this.registrationsPerIp = new AttemptLimiter('register-ip', limits.registerPerIp, ONE_HOUR, redis);
  }
}
