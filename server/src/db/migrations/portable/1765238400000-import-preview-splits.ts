import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace } from '../dialect';

/**
 * What a preview row carries from the file beyond its text: the category it names (QIF `L`, a CSV
 * category column) and its split lines (QIF `S`/`E`/`$`, as JSON), so the commit, on any replica,
 * gives the new transaction its category and its parts.
 */
export class ImportPreviewSplits1765238400000 implements MigrationInterface {
  name = 'ImportPreviewSplits1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addColumnsInPlace(queryRunner, 'import_preview_rows', [
      { name: 'category', type: 'text', isNullable: true },
      { name: 'splits', type: 'text', isNullable: true },
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumnsInPlace(queryRunner, 'import_preview_rows', ['category', 'splits']);
  }
}
