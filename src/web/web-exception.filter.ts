import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { CommonErrorCode, DomainError } from '../common/errors/domain-error';
import { basicPageContext, type PageRequest } from './page-context';
import { sendPage } from './respond';
import { type ErrorKind, errorPage } from './views/error.view';
import { WebErrorCode } from './web.errors';

/**
 * Errors of page routes as pages, in the visitor's language (the API's JSON filter stays for /api): not signed in
 * → the sign-in page, coming back here afterwards; 404 for what does not exist or may not be seen; a generic page
 * with the request id for anything unexpected (logged).
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(WebExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<PageRequest & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const status = statusOf(exception);
    if (status === 401 || (exception instanceof DomainError && exception.code === CommonErrorCode.UNAUTHENTICATED)) {
      const back = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(303, `/sign-in${back}`);
      return;
    }
    if (status >= 500) {
      this.logger.error(
        { requestId: request.id, method: request.method, url: request.originalUrl, error: String(exception) },
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (exception instanceof DomainError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    sendPage(response, errorPage(basicPageContext(request, response), kindOf(exception, status), request.id ?? null), status);
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof DomainError) return exception.status;
  if (exception instanceof HttpException) return exception.getStatus();
  // body-parser errors carry their own 4xx status
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function kindOf(exception: unknown, status: number): ErrorKind {
  if (status === 404) return 'notFound';
  if (exception instanceof DomainError && exception.code === WebErrorCode.FORM_EXPIRED) return 'formExpired';
  if (status === 403) return 'forbidden';
  return status >= 500 ? 'error' : 'badRequest';
}
