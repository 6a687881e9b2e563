import type { Request, Response } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { formExpired } from '../web.errors';
import { readCookie, setCookie } from './cookies';
import { SESSION_COOKIE } from './session-cookie';

/** Before sign-in there is no session to bind a form to: this HttpOnly cookie stands in for it. */
export const FORM_COOKIE = 'konkurs_form';
export const CSRF_FIELD = '_csrf';

const digest = (secret: string) => createHash('sha256').update(`konkurs-csrf\u0000${secret}`).digest('base64url');

/**
 * The anti-forgery token the forms of this request carry: derived from the session token when signed in, else
 * from the form cookie. Both cookies are HttpOnly and SameSite=Strict, so another site can neither send them
 * along with a forged post nor read them to compute the token.
 */
export function csrfTokenOf(request: Request): string | null {
  const secret = readCookie(request, SESSION_COOKIE) || readCookie(request, FORM_COOKIE);
  return secret ? digest(secret) : null;
}

/** The token for a page that shows a form to an anonymous visitor, setting the form cookie when missing. */
export function ensureCsrfToken(request: Request, response: Response): string {
  const existing = csrfTokenOf(request);
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  setCookie(response, FORM_COOKIE, secret, { httpOnly: true, sameSite: 'Strict', secure: request.secure });
  return digest(secret);
}

/** Refuses a form post that lacks the token or whose browser says it came from another origin. */
export function assertCsrf(request: Request, submitted: unknown) {
  const expected = csrfTokenOf(request);
  if (!expected || typeof submitted !== 'string' || submitted.length !== expected.length) throw formExpired();
  if (!timingSafeEqual(Buffer.from(submitted), Buffer.from(expected))) throw formExpired();
  const site = request.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw formExpired();
  // Pages are served with Referrer-Policy: no-referrer, under which browsers send `Origin: null` with their posts.
  const origin = request.header('origin');
  if (origin && origin !== 'null' && origin !== `${request.protocol}://${request.header('host')}`) throw formExpired();
}
