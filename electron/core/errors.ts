// The one error type of the core. Its message is Chinese and written for a clerk: what is wrong and what to do.
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'STALE'
  | 'DUPLICATE'
  | 'IMPORT_FAILED'
  | 'UNKNOWN_METHOD'
  | 'PACKAGE'
  | 'OPEN_FAILED'
  | 'TOO_NEW'
  | 'NEEDS_MIGRATION'
  | 'INTEGRITY'
  | 'SCHEMA'
  | 'READ_ONLY'
  | 'LOCKED'
  | 'BACKUP_FAILED'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
