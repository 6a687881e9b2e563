import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const ACCEPTABLE = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives every request an id (the caller's X-Request-Id if it is sane), echoed in the response, logs and audit. */
export function requestIdMiddleware(request: Request & { id?: string }, response: Response, next: NextFunction) {
  const incoming = request.header('x-request-id');
  const requestId = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  request.id = requestId;
  response.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, next);
}
