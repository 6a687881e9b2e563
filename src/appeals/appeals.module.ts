import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppealsController } from './appeals.controller';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';

@Module({
  imports: [AuditModule],
  controllers: [AppealsController],
  providers: [AppealsRepository, AppealsService],
  exports: [AppealsService],
})
export class AppealsModule {}
