import type { Response } from 'express';
import type { SafeHtml } from './html';

/** Pages load only what the app serves itself: no inline script or style, no third party, no framing. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function sendPage(response: Response, page: SafeHtml, status = 200) {
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.send(page.value);
}

/** After a form post: 303, so that reloading the next page does not post again. */
export function redirectAfterPost(response: Response, location: string) {
  response.redirect(303, location);
}

const LOCAL_PATH = /^\/(?![/\\])[^\s\\]*$/;

/** A `next` address from a form or query: only a local page (never another site, never the API), else null. */
export function localPagePath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500 || !LOCAL_PATH.test(value)) return null;
  return value === '/api' || value.startsWith('/api/') || value.startsWith('/api?') ? null : value;
}
