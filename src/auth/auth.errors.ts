import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum AuthErrorCode {
  INVALID_CREDENTIALS = 'AUTH_INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS = 'AUTH_TOO_MANY_ATTEMPTS',
  WRONG_PASSWORD = 'AUTH_WRONG_CURRENT_PASSWORD',
}

export const invalidCredentials = () =>
  new DomainError(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong e-mail or password', HttpStatus.UNAUTHORIZED);

/** `scope` says which limit was hit: failures for this e-mail, or failures from this client address. */
export const tooManyAttempts = (scope: 'email' | 'ip', retryAfterSeconds: number) =>
  new DomainError(
    AuthErrorCode.TOO_MANY_ATTEMPTS,
    scope === 'email'
      ? `Too many failed sign-in attempts for this e-mail; try again in ${retryAfterSeconds} s`
      : `Too many failed sign-in attempts from your address; try again in ${retryAfterSeconds} s`,
    HttpStatus.TOO_MANY_REQUESTS,
    scope === 'email' ? [{ field: 'email', rule: 'rateLimit', message: 'Wait before trying this account again' }] : undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );

export const wrongCurrentPassword = () =>
  new DomainError(AuthErrorCode.WRONG_PASSWORD, 'The current password is wrong', HttpStatus.BAD_REQUEST, [
    { field: 'currentPassword', rule: 'matches', message: 'currentPassword is not your current password' },
  ]);
