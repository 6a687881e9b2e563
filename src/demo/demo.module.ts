import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AllocationsModule } from '../allocations/allocations.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { DemoAllocationsService } from './demo-allocations.service';
import { DemoCommissionsService } from './demo-commissions.service';
import { DemoBidsService } from './demo-bids.service';
import { DemoService } from './demo.service';

@Module({
  imports: [
    AuthModule,
    ClustersModule,
    ProgrammesModule,
    SubmissionsModule,
    CommissionsModule,
    ScoringModule,
    AllocationsModule,
    DecisionsModule,
  ],
  providers: [DemoService, DemoBidsService, DemoCommissionsService, DemoAllocationsService],
  exports: [DemoService],
})
export class DemoModule {}
