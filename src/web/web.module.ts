import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { AllocationsModule } from '../allocations/allocations.module';
import { AppealsModule } from '../appeals/appeals.module';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { ClustersModule } from '../clusters/clusters.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { BidPageLoader } from './applicant/bid-page.loader';
import { basicPageContext, PageContextFactory, type PageRequest } from './page-context';
import { sendPage } from './respond';
import { isApiPath, pageSessionToken } from './session/session-cookie';
import { errorPage } from './views/error.view';
import { assertPagesAloneOutsideApi, WEB_CONTROLLERS } from './web.routes';

/**
 * The web interface for people: server-rendered pages at / (Russian by default, English on request) calling the
 * same services as the API. Public pages, sign-in and the account page live here; the journeys of each role are
 * meant to join as further folders and controllers listed in WEB_CONTROLLERS.
 */
@Module({
  imports: [AuthModule, ClustersModule, ProgrammesModule, AllocationsModule, DecisionsModule, SubmissionsModule, AppealsModule],
  controllers: WEB_CONTROLLERS,
  providers: [PageContextFactory, BidPageLoader],
})
export class WebModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
  ) {}

  /**
   * Checks that no API route left /api/v1 with the pages; then gives any other address outside /api the 404 page.
   * Mounted after Nest has registered every route and its own not-found handler for /api/v1, so it only sees what
   * nothing else answered.
   */
  onApplicationBootstrap() {
    const instance = this.adapterHost.httpAdapter?.getInstance<{ use: (handler: unknown) => void; router?: { stack: [] } }>();
    if (!instance) return;
    assertPagesAloneOutsideApi(instance.router?.stack ?? []);
    instance.use((request: Request, response: Response, next: NextFunction) => {
      if (isApiPath(request.path)) return next();
      this.notFound(request, response).catch((error: unknown) => {
        this.logger.error(`404 page failed for ${request.method} ${request.path}: ${String(error)}`);
        next(error);
      });
    });
  }

  private async notFound(request: PageRequest, response: Response) {
    const token = pageSessionToken(request);
    if (token) request.actor = (await this.auth.authenticate(token)) ?? undefined;
    const requestId = (request as Request & { id?: string }).id ?? null;
    sendPage(response, errorPage(basicPageContext(request, response), 'notFound', requestId), 404);
  }
}
