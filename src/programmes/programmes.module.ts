import { Module } from '@nestjs/common';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsRepository } from './extensions.repository';
import { ExtensionsService } from './extensions.service';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammesService } from './programmes.service';

@Module({
  controllers: [ProgrammesController, ExtensionsController],
  providers: [ProgrammesRepository, ProgrammesService, ExtensionsRepository, ExtensionsService],
  exports: [ProgrammesService, ProgrammesRepository, ExtensionsService],
})
export class ProgrammesModule {}
