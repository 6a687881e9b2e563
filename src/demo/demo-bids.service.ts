import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner } from '../common/database/transaction';
import { AttachmentsService } from '../submissions/attachments.service';
import { canonicalContent, budgetTotals } from '../submissions/submission.rules';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { SubmissionsService } from '../submissions/submissions.service';
import { SubmitService } from '../submissions/submit.service';
import { DEMO_2014_REQUESTS, DEMO_OPEN_BIDS, demoLines } from './demo-bids';

/** A one-page placeholder PDF standing in for a regional letter or an approved programme. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface DemoApplicant {
  userId: string;
  clusterId: string;
}

const applicantActor = (applicant: DemoApplicant): Actor => ({
  userId: applicant.userId,
  clusterId: applicant.clusterId,
  email: 'demo',
  role: 'applicant',
  sessionId: '00000000-0000-0000-0000-000000000000',
});

@Injectable()
export class DemoBidsService {
  constructor(
    private readonly bids: SubmissionsService,
    private readonly submit: SubmitService,
    private readonly attachments: AttachmentsService,
    private readonly submissions: SubmissionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Bids in the open call go through the real services, so they obey (or, as drafts, visibly break) every rule. */
  async seedOpenCall(programmeId: string, fundingYear: number, applicants: Map<string, DemoApplicant>) {
    for (const bid of DEMO_OPEN_BIDS) {
      const actor = applicantActor(applicants.get(bid.login)!);
      const [federal, regional, extra] = bid.budget;
      const draft = await this.bids.create(actor, programmeId, {
        title: bid.title,
        summary: `Демо-заявка (${bid.note}).`,
        sections: bid.sectionsComplete
          ? {
              programme: 'Программа развития кластера: цели, проекты, показатели (демо).',
              results: 'Рост выручки участников, новые совместные проекты (демо).',
            }
          : {},
        budgetLines: [...demoLines(fundingYear, federal, regional, extra), ...demoLines(fundingYear + 1, federal, regional, extra)],
        contactName: 'Контактное лицо (демо)',
        contactEmail: `${bid.login}@konkurs.demo`,
      });
      if (bid.attachments) {
        for (const kind of ['regional-letter', 'development-programme']) {
          await this.attachments.upload(actor, draft.id, kind, `${kind}.pdf`, 'application/pdf', Readable.from([DEMO_PDF]));
        }
      }
      if (bid.fate === 'draft') continue;
      await this.submit.submit(actor, draft.id);
      if (bid.fate === 'resubmitted') {
        await this.bids.update(actor, draft.id, { summary: `Демо-заявка (${bid.note}); уточнён бюджет.` });
        await this.submit.submit(actor, draft.id);
      }
      if (bid.fate === 'withdrawn') await this.submit.withdraw(actor, draft.id);
    }
  }

  /**
   * Past rounds are loaded as the historical record they are (deadline long gone), one bid per cluster, with the
   * given status; the registration numbers are drawn in order, as they were.
   */
  async seedHistoricalRound(
    programme: { id: string; code: string; closesAt: Date; fundingYear: number },
    applicants: Map<string, DemoApplicant>,
    statusOf: (login: string) => 'eligible' | 'ineligible',
    requests: Record<string, [number, number]> = DEMO_2014_REQUESTS,
  ) {
    let sequence = 0;
    for (const [login, [federal, regional]] of Object.entries(requests)) {
      const applicant = applicants.get(login)!;
      const lines = demoLines(programme.fundingYear, federal, regional, 0);
      const content = {
        title: `Программа развития кластера (${login}), демо`,
        summary: 'Исторический раунд, демо-данные.',
        sections: {},
        contact: { name: '', email: '', phone: '' },
        budgetLines: lines,
        attachments: [],
      };
      const canonical = canonicalContent(programme.code, applicant.clusterId, content);
      const totals = budgetTotals(lines);
      sequence += 1;
      await this.transactions.run(async (tx) => {
        const id = await this.submissions.importHistorical(tx, {
          programmeId: programme.id,
          clusterId: applicant.clusterId,
          createdBy: applicant.userId,
          registrationNumber: `${programme.code}-${String(sequence).padStart(5, '0')}`,
          status: statusOf(login),
          submittedAt: new Date(programme.closesAt.getTime() - (30 - sequence) * 3600_000),
          content: canonical.content,
          contentSha256: canonical.sha256,
          totals,
          lines,
        });
        await this.audit.record(tx, null, {
          action: 'submission.imported',
          entityType: 'submission',
          entityId: id,
          after: {
            registrationNumber: `${programme.code}-${String(sequence).padStart(5, '0')}`,
            contentSha256: canonical.sha256,
            demo: true,
          },
        });
      });
    }
  }
}
