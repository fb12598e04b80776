import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace } from '../dialect';

/**
 * What a preview found beyond its rows (the file's statements, the CSV columns and mappings, the
 * date formats that fit, the batches it was checked against), as JSON: a client can read the
 * preview again by id, and the commit saves the mapping and account hint and checks what was
 * imported since.
 */
export class ImportPreviewDetails1765065600000 implements MigrationInterface {
  name = 'ImportPreviewDetails1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addColumnsInPlace(queryRunner, 'import_previews', [{ name: 'details', type: 'text', default: "'{}'" }]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumnsInPlace(queryRunner, 'import_previews', ['details']);
  }
}
