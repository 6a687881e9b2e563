import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { ScoringController } from './scoring.controller';
import { ScoringRepository } from './scoring.repository';
import { ScoringService } from './scoring.service';

@Module({
  imports: [CommissionsModule, AuditModule, ProgrammesModule],
  controllers: [ReviewsController, ScoringController],
  providers: [ScoringRepository, ReviewsService, ScoringService],
  exports: [ScoringRepository, ReviewsService, ScoringService],
})
export class ScoringModule {}
