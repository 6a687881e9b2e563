import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/access/access.decorators';
import { CommonErrorCode, DomainError } from '../../common/errors/domain-error';
import { DecisionsService } from '../../decisions/decisions.service';
import { PageContextFactory, type PageRequest } from '../page-context';
import { sendPage } from '../respond';
import { WebExceptionFilter } from '../web-exception.filter';
import { verifyPage } from './verify.view';

/** XXXX-XXXX-XXXX, dashes optional when typed, any case. */
function normalise(code: string | undefined): string | null {
  const compact = (code ?? '').replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{12}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : null;
}

/** The public verification page of issued decisions (the QR code on each letter and protocol points here). */
@ApiExcludeController()
@Controller()
@UseFilters(WebExceptionFilter)
export class VerifyPagesController {
  constructor(
    private readonly pages: PageContextFactory,
    private readonly decisions: DecisionsService,
  ) {}

  /** The form, and its answer when `?code=` is given. */
  @Get('verify')
  @Public()
  async form(@Req() request: PageRequest, @Res() response: Response, @Query('code') code?: string) {
    await this.answer(request, response, typeof code === 'string' ? code.slice(0, 40) : undefined);
  }

  /** The address printed on documents and in their QR codes. (Not `:code`: see web.routes.ts on declared paths.) */
  @Get('verify/:document')
  @Public()
  async document(@Req() request: PageRequest, @Res() response: Response, @Param('document') code: string) {
    await this.answer(request, response, code.slice(0, 40));
  }

  private async answer(request: PageRequest, response: Response, typed: string | undefined) {
    const context = await this.pages.create(request, response, 'verify');
    const code = normalise(typed);
    const decision = code ? await this.find(code) : null;
    sendPage(response, verifyPage(context, { code: typed ?? null, decision }), typed !== undefined && !decision ? 404 : 200);
  }

  private async find(code: string) {
    try {
      return await this.decisions.verify(code);
    } catch (error) {
      if (error instanceof DomainError && error.code === CommonErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
