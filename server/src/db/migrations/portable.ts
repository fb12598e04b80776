import { IdempotencyKeysCreatedAt1764892800000 } from './portable/1764892800000-idempotency-keys-created-at';
import { Imports1764979200000 } from './portable/1764979200000-imports';
import { ImportPreviewDetails1765065600000 } from './portable/1765065600000-import-preview-details';
import { TransfersAndSplits1765152000000 } from './portable/1765152000000-transfers-and-splits';
import { ImportPreviewSplits1765238400000 } from './portable/1765238400000-import-preview-splits';
import { Rules1765324800000 } from './portable/1765324800000-rules';
import { Budgets1765411200000 } from './portable/1765411200000-budgets';
import { MonthlySums1765497600000 } from './portable/1765497600000-monthly-sums';

/**
 * Every schema change since the two hand-written sets: written once for both databases (see
 * README.md). In order; a new migration is appended here and never edits an old one.
 */
export const portableMigrations = [
  IdempotencyKeysCreatedAt1764892800000,
  Imports1764979200000,
  ImportPreviewDetails1765065600000,
  TransfersAndSplits1765152000000,
  ImportPreviewSplits1765238400000,
  Rules1765324800000,
  Budgets1765411200000,
  MonthlySums1765497600000,
];
