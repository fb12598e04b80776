import { GraphQLUpload, type FileUpload } from 'graphql-upload-ts';
import { Arg, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { CurrentUser } from '../../api/graphql/current-user';
import type { OwnerScope } from '../../db/owner-scope';
import type { RestoreCount as RestoreCountRecord } from './restore-run';
import type { RestoreResult, RestoreService } from './restore.service';

@ObjectType({ simpleResolvers: true, description: 'Rows of one kind a restore created, and those it found already there (merged by name, or the import duplicate rule).' })
class RestoreCount {
  @Field(() => Int)
  created!: number;
  @Field(() => Int)
  skipped!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What a restore did, or with dryRun would do (nothing is written then).' })
export class RestoreReport {
  @Field(() => Boolean)
  dryRun!: boolean;
  @Field(() => Int, { description: 'The format version of the archive read (docs/backup-format.md).' })
  formatVersion!: number;
  @Field(() => RestoreCount)
  accounts!: RestoreCountRecord;
  @Field(() => RestoreCount)
  categories!: RestoreCountRecord;
  @Field(() => RestoreCount)
  transactions!: RestoreCountRecord;
  @Field(() => RestoreCount)
  splits!: RestoreCountRecord;
  @Field(() => RestoreCount)
  transfers!: RestoreCountRecord;
  @Field(() => RestoreCount)
  receipts!: RestoreCountRecord;
  @Field(() => RestoreCount)
  rules!: RestoreCountRecord;
  @Field(() => RestoreCount)
  budgets!: RestoreCountRecord;
  @Field(() => RestoreCount)
  importProfiles!: RestoreCountRecord;
}

@Resolver()
export class BackupResolver {
  constructor(private readonly services: { restores: RestoreService }) {}

  @Mutation(() => RestoreReport, {
    description: 'Reads a backup made by GET /backup into your data, merging without duplicates; BAD_USER_INPUT naming what is wrong with a damaged or foreign archive, and nothing is changed then.',
  })
  async restoreBackup(
    @CurrentUser() scope: OwnerScope,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload> | FileUpload,
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: false }) dryRun: boolean | null,
  ): Promise<RestoreReport> {
    const upload = await file;
    const result: RestoreResult = await this.services.restores.restore(scope, { filename: upload.filename, open: () => upload.createReadStream() }, dryRun ?? false);
    return { dryRun: result.dryRun, formatVersion: result.formatVersion, ...result.counts };
  }
}
