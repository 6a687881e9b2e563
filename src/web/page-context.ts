import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../common/access/access.decorators';
import { ClustersService } from '../clusters/clusters.service';
import { type Dictionary, dictionary, type Language } from './i18n/dictionary';
import { pageLanguage } from './i18n/language';
import { readCookie, setCookie } from './session/cookies';
import { csrfTokenOf } from './session/csrf';
import { SESSION_COOKIE } from './session/session-cookie';

/** Which entry of the main navigation a page belongs to (marked aria-current). */
export type PageSection = 'programmes' | 'verify' | 'account' | 'sign-in' | 'bids' | null;

/** Everything a view needs to know about who is looking and in which language; built once per page request. */
export interface PageContext {
  language: Language;
  t: Dictionary;
  actor: Actor | undefined;
  /** The anti-forgery token of this visitor's forms (sign-out in the header, any form on the page); null if none yet. */
  csrfToken: string | null;
  /** An applicant's cluster time zone: times are shown in Moscow time and in this zone. */
  clusterTimeZone: string | null;
  /** Path and query of the page, for the language switch. */
  url: string;
  section: PageSection;
}

export type PageRequest = Request & { actor?: Actor };

@Injectable()
export class PageContextFactory {
  private readonly logger = new Logger(PageContextFactory.name);

  constructor(private readonly clusters: ClustersService) {}

  async create(request: PageRequest, response: Response, section: PageSection): Promise<PageContext> {
    const context = basicPageContext(request, response, section);
    return { ...context, clusterTimeZone: await this.clusterTimeZone(context.actor) };
  }

  private async clusterTimeZone(actor: Actor | undefined): Promise<string | null> {
    if (actor?.role !== 'applicant' || !actor.clusterId) return null;
    try {
      return (await this.clusters.get(actor, actor.clusterId)).timeZone;
    } catch (error) {
      // Times still show in Moscow time; a missing cluster must not take the page down.
      this.logger.warn(`No time zone for cluster ${actor.clusterId}: ${String(error)}`);
      return null;
    }
  }
}

/** The context without database look-ups: for error pages, which must render whatever failed. */
export function basicPageContext(request: PageRequest, response: Response, section: PageSection = null): PageContext {
  const language = pageLanguage(request, response);
  // A session cookie the guard did not accept (expired, revoked) is dropped, so the visitor is plainly anonymous.
  if (!request.actor && readCookie(request, SESSION_COOKIE)) {
    setCookie(response, SESSION_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, sameSite: 'Strict', secure: request.secure });
  }
  return {
    language,
    t: dictionary(language),
    actor: request.actor,
    csrfToken: request.actor ? csrfTokenOf(request) : null,
    clusterTimeZone: null,
    url: request.originalUrl,
    section,
  };
}
