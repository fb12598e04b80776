import { InitialSchemaPostgres1764374400000 } from './postgres/1764374400000-initial-schema';
import { SessionVersionPostgres1764460800000 } from './postgres/1764460800000-session-version';

/** In order; a new migration is appended here and never edits an old one. */
export const postgresMigrations = [InitialSchemaPostgres1764374400000, SessionVersionPostgres1764460800000];
