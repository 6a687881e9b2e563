import { DynamicModule, Module } from '@nestjs/common';
import { AllocationsModule } from './allocations/allocations.module';
import { AppealsModule } from './appeals/appeals.module';
import { AuditModule } from './audit/audit.module';
import { JobsModule } from './common/jobs/jobs.module';
import { DecisionsModule } from './decisions/decisions.module';
import { AuthModule } from './auth/auth.module';
import { ClustersModule } from './clusters/clusters.module';
import { CommissionsModule } from './commissions/commissions.module';
import { AppConfig } from './common/config/config';
import { ConfigModule } from './common/config/config.module';
import { DatabaseModule } from './common/database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { ScoringModule } from './scoring/scoring.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        AuditModule,
        AuthModule,
        ClustersModule,
        ProgrammesModule,
        SubmissionsModule,
        CommissionsModule,
        ScoringModule,
        AllocationsModule,
        AppealsModule,
        JobsModule,
        DecisionsModule,
        HealthModule,
        DemoModule,
        WebModule,
      ],
    };
  }
}
