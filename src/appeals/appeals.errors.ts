import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum AppealErrorCode {
  NOT_PUBLISHED = 'APPEAL_RESULTS_NOT_PUBLISHED',
  WINDOW_CLOSED = 'APPEAL_WINDOW_CLOSED',
  ALREADY_FILED = 'APPEAL_ALREADY_FILED',
  ALREADY_RESOLVED = 'APPEAL_ALREADY_RESOLVED',
}

export const resultsNotPublished = () =>
  new DomainError(
    AppealErrorCode.NOT_PUBLISHED,
    'An appeal is filed against published results; this programme has none yet',
    HttpStatus.CONFLICT,
  );

export const windowClosed = (closedAt: Date) =>
  new DomainError(
    AppealErrorCode.WINDOW_CLOSED,
    `The appeal window closed at ${closedAt.toISOString()} (${closedAt.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' })} Moscow time)`,
    HttpStatus.CONFLICT,
  );

export const alreadyFiled = () =>
  new DomainError(AppealErrorCode.ALREADY_FILED, 'This bid already has its appeal: one appeal per bid', HttpStatus.CONFLICT);

export const alreadyResolved = (status: string) =>
  new DomainError(AppealErrorCode.ALREADY_RESOLVED, `The appeal is already ${status}; a resolution is final`, HttpStatus.CONFLICT);
