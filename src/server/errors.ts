import type { MessageCode } from './i18n.ts';

/** A failure the user is told about: a code, an HTTP status, the message's parameters, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly details: unknown = null,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('NOT_FOUND', 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
/** A rule broken by the input: 400 with the failing field named in details. */
export const invalid = (code: MessageCode, field: string | null, params: Record<string, unknown> = {}) =>
  new AppError(code, 400, params, field ? [{ path: field, code }] : null);
