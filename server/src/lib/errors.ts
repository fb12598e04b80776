/**
 * Domain errors. Services throw these and know nothing of GraphQL; the GraphQL layer maps `code`
 * to `extensions.code`, and the HTTP routes map it to a status.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'PAYLOAD_TOO_LARGE';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'You need to sign in first.');
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
export const tooLarge = (field: string, message: string) => new AppError('PAYLOAD_TOO_LARGE', message, field);
