import type { Request } from 'express';
import { readCookie } from './cookies';

/** The cookie that carries a web session's token: HttpOnly, SameSite=Strict, set by the sign-in page. */
export const SESSION_COOKIE = 'konkurs_session';

/** The JSON API and its docs: Bearer tokens only there, so a cookie can never make a cross-site API call count. */
export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The session token of a request to a page (anything outside /api), read from the session cookie; null for API
 * requests and for requests without the cookie. Used by the global access guard.
 */
export function pageSessionToken(request: Pick<Request, 'path' | 'headers'>): string | null {
  if (isApiPath(request.path)) return null;
  return readCookie(request, SESSION_COOKIE) || null;
}
