import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { DemoBidsService } from './demo-bids.service';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, ClustersModule, ProgrammesModule, SubmissionsModule],
  providers: [DemoService, DemoBidsService],
  exports: [DemoService],
})
export class DemoModule {}
