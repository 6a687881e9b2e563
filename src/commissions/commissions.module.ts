import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { AssignmentsService } from './assignments.service';
import { CommissionBoardReader } from './commission-board';
import { CommissionsController } from './commissions.controller';
import { CommissionsRepository } from './commissions.repository';
import { CommissionsService } from './commissions.service';

@Module({
  imports: [ProgrammesModule, AuthModule, AuditModule],
  controllers: [CommissionsController],
  providers: [CommissionsRepository, CommissionBoardReader, CommissionsService, AssignmentsService],
  exports: [CommissionsRepository, CommissionBoardReader, CommissionsService, AssignmentsService],
})
export class CommissionsModule {}
