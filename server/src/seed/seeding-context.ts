import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { createLogger } from '../logger';
import { SignInLimits } from '../modules/users/sign-in-limits';
import { createServices, type Services } from '../services';
import { createReceiptStorage } from '../storage/create-receipt-storage';
import type { ReceiptStorage } from '../storage/receipt-storage';

export interface SeedingContext {
  dataSource: DataSource;
  storage: ReceiptStorage;
  services: Services;
  close(): Promise<void>;
}

/**
 * The app's database (migrated), storage and services, without HTTP or sessions: what a script
 * that writes data needs. Sign-up limits are lifted, since a script signs up many users from one place.
 */
export async function openSeedingContext(config: AppConfig): Promise<SeedingContext> {
  const dataSource = await openDatabase(config.database);
  const storage = await createReceiptStorage(config);
  const signInLimits = new SignInLimits({ ...config.rateLimits, registerPerIp: Number.MAX_SAFE_INTEGER }, null);
  const logger = createLogger({ logLevel: 'warn' });
  const services = createServices({ dataSource, storage, receiptMaxBytes: config.receiptMaxBytes, signInLimits, logger });
  return { dataSource, storage, services, close: () => dataSource.destroy() };
}
