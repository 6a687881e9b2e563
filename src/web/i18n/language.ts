import type { Request, Response } from 'express';
import { readCookie, setCookie } from '../session/cookies';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from './dictionary';

export const LANGUAGE_COOKIE = 'konkurs_lang';
const ONE_YEAR_SECONDS = 365 * 86400;

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** `?lang=ru|en` wins and is remembered in a cookie (when a response is given); then that cookie; else Russian. */
export function pageLanguage(request: Request, response?: Response): Language {
  const asked = request.query?.lang;
  if (isLanguage(asked)) {
    if (response && readCookie(request, LANGUAGE_COOKIE) !== asked) {
      setCookie(response, LANGUAGE_COOKIE, asked, {
        maxAgeSeconds: ONE_YEAR_SECONDS,
        httpOnly: true,
        sameSite: 'Lax',
        secure: request.secure,
      });
    }
    return asked;
  }
  const remembered = readCookie(request, LANGUAGE_COOKIE);
  return isLanguage(remembered) ? remembered : DEFAULT_LANGUAGE;
}

/** This page's path and query with `lang` set to `language`: the targets of the language switch. */
export function withLanguage(originalUrl: string, language: Language): string {
  const url = new URL(originalUrl, 'http://page.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}
