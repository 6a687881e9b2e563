import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/access/access.decorators';
import { notFound } from '../../common/errors/domain-error';
import { WebExceptionFilter } from '../web-exception.filter';
import { ASSETS } from './assets';

/** The stylesheet, the script and the icon, from memory. A request with the current `?v=` hash may be cached for good. */
@ApiExcludeController()
@Controller('assets')
@UseFilters(WebExceptionFilter)
export class AssetsController {
  @Get(':name')
  @Public()
  serve(@Param('name') name: string, @Req() request: Request, @Res() response: Response) {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw notFound('Asset', name);
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Cache-Control', request.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    response.send(asset.body);
  }
}
