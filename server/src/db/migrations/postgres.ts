import { InitialSchemaPostgres1764374400000 } from './postgres/1764374400000-initial-schema';

/** In order; a new migration is appended here and never edits an old one. */
export const postgresMigrations = [InitialSchemaPostgres1764374400000];
