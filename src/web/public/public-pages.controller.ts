import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllocationsService } from '../../allocations/allocations.service';
import { Public } from '../../common/access/access.decorators';
import { CommonErrorCode, DomainError, notFound } from '../../common/errors/domain-error';
import { DecisionsService } from '../../decisions/decisions.service';
import { ProgrammesService } from '../../programmes/programmes.service';
import { PageContextFactory, type PageRequest } from '../page-context';
import { sendPage } from '../respond';
import { WebExceptionFilter } from '../web-exception.filter';
import { homePage } from './home.view';
import { programmePage } from './programme.view';
import { type PublicResults, publicResults } from './public-results';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WITH_RESULTS = ['published', 'archived'];
/** The home page lists this many programmes (a ministry runs a few calls a year; paging can come when needed). */
const HOME_PAGE_SIZE = 200;

/** The public pages: the list of competitions and each competition with its results. Same services as the API. */
@ApiExcludeController()
@Controller()
@UseFilters(WebExceptionFilter)
export class PublicPagesController {
  constructor(
    private readonly pages: PageContextFactory,
    private readonly programmes: ProgrammesService,
    private readonly allocations: AllocationsService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get()
  @Public()
  async home(@Req() request: PageRequest, @Res() response: Response) {
    const context = await this.pages.create(request, response, 'programmes');
    const { items } = await this.programmes.list(context.actor, { page: 1, pageSize: HOME_PAGE_SIZE });
    sendPage(response, homePage(context, { programmes: items, now: new Date() }));
  }

  /**
   * Drafts answer 404 to anyone the API would refuse them to (ProgrammesService decides), as does a malformed id.
   * (The parameter is not called `id`: see web.routes.ts on why a page route's declared path must differ from the API's.)
   */
  @Get('programmes/:programme')
  @Public()
  async programme(@Req() request: PageRequest, @Res() response: Response, @Param('programme') id: string) {
    if (!UUID.test(id)) throw notFound('Programme', id);
    const context = await this.pages.create(request, response, 'programmes');
    const { programme, rules } = await this.programmes.get(context.actor, id.toLowerCase());
    const published = WITH_RESULTS.includes(programme.status);
    const results = published ? await this.publishedResults(programme.id) : null;
    const protocols = published ? await this.decisions.protocolLanguages(programme.id) : [];
    sendPage(response, programmePage(context, { programme, rules, results, protocols, now: new Date() }));
  }

  private async publishedResults(programmeId: string): Promise<PublicResults | null> {
    try {
      return publicResults(await this.allocations.results(programmeId));
    } catch (error) {
      if (error instanceof DomainError && error.code === CommonErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
