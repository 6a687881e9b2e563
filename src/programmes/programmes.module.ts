import { Module } from '@nestjs/common';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsRepository } from './extensions.repository';
import { ExtensionsService } from './extensions.service';
import { FrozenRulesCache } from './frozen-rules.cache';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammesService } from './programmes.service';

@Module({
  controllers: [ProgrammesController, ExtensionsController],
  providers: [ProgrammesRepository, ProgrammesService, ExtensionsRepository, ExtensionsService, FrozenRulesCache],
  exports: [ProgrammesService, ProgrammesRepository, ExtensionsService, FrozenRulesCache],
})
export class ProgrammesModule {}
