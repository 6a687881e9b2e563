import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { AttachmentsService } from './attachments.service';
import { EligibilityService } from './eligibility.service';
import { ExportService } from './export.service';
import { FileStorage } from './file-storage';
import { ReceiptsService } from './receipts.service';
import { SubmissionDocumentsController } from './submission-documents.controller';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { SubmitRepository } from './submit.repository';
import { SubmitService } from './submit.service';

@Module({
  imports: [ProgrammesModule, ClustersModule],
  controllers: [SubmissionsController, SubmissionDocumentsController],
  providers: [
    SubmissionsRepository,
    SubmissionsService,
    SubmitService,
    SubmitRepository,
    AttachmentsService,
    FileStorage,
    ReceiptsService,
    EligibilityService,
    ExportService,
  ],
  exports: [SubmissionsService, SubmitService, AttachmentsService, EligibilityService, ReceiptsService, SubmissionsRepository, FileStorage],
})
export class SubmissionsModule {}
