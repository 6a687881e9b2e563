import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DemoService } from './demo.service';

@Module({ imports: [AuthModule, ClustersModule, ProgrammesModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
