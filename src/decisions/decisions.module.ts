import { Module } from '@nestjs/common';
import { AllocationsModule } from '../allocations/allocations.module';
import { AuditModule } from '../audit/audit.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { DecisionData } from './decision-data';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [AllocationsModule, AuditModule, CommissionsModule, ProgrammesModule, ScoringModule, SubmissionsModule],
  controllers: [DecisionsController],
  providers: [DecisionsRepository, DecisionsService, DecisionData],
  exports: [DecisionsService],
})
export class DecisionsModule {}
