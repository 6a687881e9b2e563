import type { Request, Response } from 'express';

/** The value of one cookie of the request's Cookie header (RFC 6265 pairs), or null. No dependency needed for this. */
export function readCookie(request: Pick<Request, 'headers'>, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index < 0 || pair.slice(0, index).trim() !== name) continue;
    const value = pair
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. Without it, the cookie lasts until the browser closes. */
  maxAgeSeconds?: number;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax';
  /** Only over HTTPS: set when the request came over HTTPS (directly or through a trusted proxy). */
  secure: boolean;
}

export function setCookie(response: Response, name: string, value: string, options: CookieOptions) {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `SameSite=${options.sameSite}`];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  response.append('Set-Cookie', parts.join('; '));
}
