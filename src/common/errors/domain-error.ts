import { HttpStatus } from '@nestjs/common';

/** One detail of a failed request: which field broke which rule. */
export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/**
 * The only error type services throw. `code` is stable and documented (each domain keeps an enum of its
 * codes); the global filter turns it into `{ error: { code, message, details }, requestId }`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus,
    readonly details?: ErrorDetail[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  INTERNAL = 'INTERNAL',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export const validationFailed = (details: ErrorDetail[], message?: string) =>
  new DomainError(
    CommonErrorCode.VALIDATION_FAILED,
    message ?? `Invalid request: ${details.map((d) => `${d.field} (${d.rule})`).join(', ')}`,
    HttpStatus.BAD_REQUEST,
    details,
  );

/** 404 for what does not exist and, equally, for what the caller may not see. */
export const notFound = (entity: string, id?: string | number) =>
  new DomainError(CommonErrorCode.NOT_FOUND, id === undefined ? `${entity} not found` : `${entity} ${id} not found`, HttpStatus.NOT_FOUND);

export const forbidden = (message = 'Your role may not do this') =>
  new DomainError(CommonErrorCode.FORBIDDEN, message, HttpStatus.FORBIDDEN);

export const unauthenticated = (message = 'Sign in first: send "Authorization: Bearer <token>"') =>
  new DomainError(CommonErrorCode.UNAUTHENTICATED, message, HttpStatus.UNAUTHORIZED);
