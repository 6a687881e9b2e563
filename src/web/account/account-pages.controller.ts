import { Body, Controller, Get, HttpStatus, Ip, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthErrorCode } from '../../auth/auth.errors';
import { AuthService } from '../../auth/auth.service';
import { ClustersService } from '../../clusters/clusters.service';
import { type Actor, CurrentActor, Public, ROLES, Roles } from '../../common/access/access.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { UsersService } from '../../users/users.service';
import type { Dictionary } from '../i18n/dictionary';
import { PageContextFactory, type PageRequest } from '../page-context';
import { localPagePath, redirectAfterPost, sendPage } from '../respond';
import { setCookie } from '../session/cookies';
import { assertCsrf, csrfTokenOf, ensureCsrfToken, FORM_COOKIE } from '../session/csrf';
import { SESSION_COOKIE } from '../session/session-cookie';
import { WebExceptionFilter } from '../web-exception.filter';
import { accountPage } from './account.view';
import { SignInForm, TokenOnlyForm } from './sign-in.form';
import { signInPage } from './sign-in.view';

/**
 * Sign-in, sign-out and the account page. Signing in goes through AuthService.login (the API's rate limit and
 * audit), then keeps the token in an HttpOnly, SameSite=Strict cookie that only page routes read.
 */
@ApiExcludeController()
@Controller()
@UseFilters(WebExceptionFilter)
export class AccountPagesController {
  constructor(
    private readonly pages: PageContextFactory,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly clusters: ClustersService,
  ) {}

  @Get('sign-in')
  @Public()
  async signInForm(@Req() request: PageRequest, @Res() response: Response) {
    const context = await this.pages.create(request, response, 'sign-in');
    const next = localPagePath(request.query.next);
    sendPage(response, signInPage(context, { csrfToken: ensureCsrfToken(request, response), email: '', next, error: null }));
  }

  @Post('sign-in')
  @Public()
  async signIn(@Req() request: PageRequest, @Res() response: Response, @Body() form: SignInForm, @Ip() ip: string) {
    assertCsrf(request, form._csrf);
    const email = form.email?.trim() ?? '';
    const next = localPagePath(form.next);
    const refuse = async (status: number, message: (t: Dictionary) => string) => {
      const context = await this.pages.create(request, response, 'sign-in');
      const csrfToken = csrfTokenOf(request) ?? ensureCsrfToken(request, response);
      sendPage(response, signInPage(context, { csrfToken, email, next, error: message(context.t) }), status);
    };
    if (!email || !form.password) return refuse(HttpStatus.BAD_REQUEST, (t) => t.signInMissing);
    let session: Awaited<ReturnType<AuthService['login']>>;
    try {
      session = await this.auth.login(email, form.password, ip, request.header('user-agent')?.slice(0, 300) ?? null);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === AuthErrorCode.INVALID_CREDENTIALS) return refuse(HttpStatus.UNAUTHORIZED, (t) => t.signInInvalid);
      if (error.code !== AuthErrorCode.TOO_MANY_ATTEMPTS) throw error;
      const retryAfter = Number(error.headers?.['Retry-After'] ?? 60);
      response.setHeader('Retry-After', String(retryAfter));
      return refuse(HttpStatus.TOO_MANY_REQUESTS, (t) => t.signInTooMany(retryAfter));
    }
    // Signing in again (e.g. as someone else) ends the session this browser had.
    if (request.actor) await this.auth.logout(request.actor);
    const secure = request.secure;
    const maxAgeSeconds = (session.expiresAt.getTime() - Date.now()) / 1000;
    setCookie(response, SESSION_COOKIE, session.token, { maxAgeSeconds, httpOnly: true, sameSite: 'Strict', secure });
    setCookie(response, FORM_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, sameSite: 'Strict', secure });
    redirectAfterPost(response, next ?? '/account');
  }

  /** Revokes the session (as the API's logout does) and forgets the cookie; a stale cookie is just forgotten. */
  @Post('sign-out')
  @Public()
  async signOut(@Req() request: PageRequest, @Res() response: Response, @Body() form: TokenOnlyForm) {
    if (request.actor) {
      assertCsrf(request, form._csrf);
      await this.auth.logout(request.actor);
    }
    setCookie(response, SESSION_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, sameSite: 'Strict', secure: request.secure });
    redirectAfterPost(response, '/');
  }

  @Get('account')
  @Roles(...ROLES)
  async account(@Req() request: PageRequest, @Res() response: Response, @CurrentActor() actor: Actor) {
    const context = await this.pages.create(request, response, 'account');
    const user = await this.users.get(actor.userId);
    const cluster = actor.clusterId ? await this.clusters.get(actor, actor.clusterId) : null;
    const clusterName = cluster && (context.language === 'en' ? cluster.nameEn : cluster.nameRu);
    sendPage(response, accountPage(context, { fullName: user.fullName, email: user.email, clusterName }));
  }
}
