import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AllExceptionsFilter } from '../errors/http-exception.filter';
import { RejectUnsafeInputPipe } from '../errors/input-sanity.pipe';
import { createValidationPipe } from '../errors/validation';
import { isApiPath } from '../../web/session/session-cookie';
import { webRouteExclusions } from '../../web/web.routes';
import { answerUnparsableRequests } from './client-error';
import { requestIdMiddleware } from './request-id.middleware';

export const API_PREFIX = 'api/v1';

/** Everything about the HTTP surface that the real server and the tests must share. */
export function configureApp(app: INestApplication): INestApplication {
  answerUnparsableRequests(app.getHttpServer());
  app.use(requestIdMiddleware);
  app.use(securityHeaders);
  app.use(requireKnownContentType);
  // The web pages (src/web) are served at the root; everything else lives under /api/v1.
  app.setGlobalPrefix(API_PREFIX, { exclude: webRouteExclusions() });
  app.useGlobalPipes(new RejectUnsafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  (app as INestApplication & { useBodyParser?: (type: string, options: object) => void }).useBodyParser?.('json', { limit: '2mb' });
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('konkurs API')
    .setDescription(
      'Grant competitions for innovative clusters: programmes, bids, scoring, allocation, decisions. ' +
        'Money is integer kopecks (as strings in responses); instants are ISO 8601. Errors: ' +
        '{ "error": { "code", "message", "details"? }, "requestId" }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

const BODY_TYPES = ['application/json', 'multipart/form-data', 'application/pdf'];
/** Browsers post HTML forms urlencoded: accepted by the pages only, never by the API. */
const PAGE_FORM_TYPE = 'application/x-www-form-urlencoded';

/** A body in a format the API does not read is refused up front instead of being silently ignored. */
function requireKnownContentType(request: Request, response: Response, next: NextFunction) {
  const hasBody = Number(request.header('content-length') ?? 0) > 0 || request.header('transfer-encoding') !== undefined;
  const type = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!hasBody || ['GET', 'HEAD', 'OPTIONS'].includes(request.method) || BODY_TYPES.includes(type)) return next();
  if (type === PAGE_FORM_TYPE && !isApiPath(request.path)) return next();
  response.status(415).json({
    error: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Send the body as application/json (got "${type || 'no content type'}")`,
      details: [{ field: 'content-type', rule: 'isJson', message: 'Content-Type must be application/json' }],
    },
    requestId: (request as Request & { id?: string }).id ?? 'unknown',
  });
}

function securityHeaders(_request: Request, response: Response, next: NextFunction) {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  next();
}
