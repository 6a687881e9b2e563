import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonErrorCode, DomainError, ErrorDetail } from './domain-error';

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
  requestId: string;
}

const STATUS_CODES: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.TOO_MANY_REQUESTS,
  503: CommonErrorCode.SERVICE_UNAVAILABLE,
};

/** The single place that writes an error response; every failure leaves in the same shape. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const { status, body } = this.toBody(exception, request.id ?? 'unknown');
    if (status >= 500) {
      this.logger.error(
        { requestId: body.requestId, method: request.method, url: request.url, error: describe(exception) },
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (response.headersSent) return;
    if (exception instanceof DomainError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    response.status(status).json(body);
  }

  private toBody(exception: unknown, requestId: string): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const error = { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
      return { status: exception.status, body: { error, requestId } };
    }
    const bodyParser = bodyParserError(exception);
    if (bodyParser) return { status: bodyParser.status, body: { error: bodyParser, requestId } };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400 && /JSON/.test(exception.message)) {
        const details = [{ field: 'body', rule: 'json', message: exception.message }];
        return {
          status,
          body: { error: { code: CommonErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON', details }, requestId },
        };
      }
      const code = STATUS_CODES[status] ?? (status >= 500 ? CommonErrorCode.INTERNAL : CommonErrorCode.VALIDATION_FAILED);
      const message = status === 404 ? 'No such route or resource' : exception.message;
      return { status, body: { error: { code, message }, requestId } };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: CommonErrorCode.INTERNAL, message: 'Internal error; it has been logged with this requestId' }, requestId },
    };
  }
}

/** body-parser errors carry `type` and `status`; they are the client's fault and must not become 500s. */
function bodyParserError(exception: unknown): { status: number; code: string; message: string } | null {
  const error = exception as { type?: string; status?: number; message?: string };
  if (!error || typeof error !== 'object' || typeof error.type !== 'string' || typeof error.status !== 'number') return null;
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: CommonErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Send the body as UTF-8 JSON' };
    default:
      return error.status >= 400 && error.status < 500
        ? {
            status: error.status,
            code: STATUS_CODES[error.status] ?? CommonErrorCode.VALIDATION_FAILED,
            message: 'The request body could not be read',
          }
        : null;
  }
}

function describe(exception: unknown) {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
