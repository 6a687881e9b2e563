import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum WebErrorCode {
  FORM_EXPIRED = 'WEB_FORM_EXPIRED',
}

/** A form post without the page's anti-forgery token (or from another site): shown as "reload and try again". */
export const formExpired = () =>
  new DomainError(WebErrorCode.FORM_EXPIRED, 'The form is missing its anti-forgery token or comes from another site', HttpStatus.FORBIDDEN);
