import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AllocationsController } from './allocations.controller';
import { AllocationsRepository } from './allocations.repository';
import { AllocationsService } from './allocations.service';
import { RankingService } from './ranking.service';

@Module({
  imports: [AuditModule, CommissionsModule, ProgrammesModule, ScoringModule],
  controllers: [AllocationsController],
  providers: [AllocationsRepository, AllocationsService, RankingService],
  exports: [AllocationsRepository, AllocationsService, RankingService],
})
export class AllocationsModule {}
