import pino, { type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from './config';

/** JSON lines; cookies and passwords are redacted wherever they appear in a logged object. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.currentPassword', 'password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
