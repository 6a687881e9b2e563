import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { notFound } from '../common/errors/domain-error';
import type { Language } from '../common/pdf/format';
import { ClustersRepository } from '../clusters/clusters.repository';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { renderReceipt, type ReceiptData } from './receipt.renderer';
import { type AttachmentFact, type BudgetLine, budgetTotals } from './submission.rules';
import { SubmissionsRepository } from './submissions.repository';

/** Receipts are rebuilt from the frozen version, so a receipt always shows exactly what was submitted. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly clusters: ClustersRepository,
  ) {}

  async version(actor: Actor, id: string, versionNumber: number) {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    const version = await this.submissions.findVersion(id, versionNumber);
    if (!version) throw notFound('Version', versionNumber);
    const cluster = (await this.clusters.findById(submission.clusterId))!;
    return { version, cluster, programmeId: submission.programmeId };
  }

  async pdf(actor: Actor, id: string, versionNumber: number, language: Language): Promise<{ fileName: string; pdf: Buffer }> {
    const { version, cluster, programmeId } = await this.version(actor, id, versionNumber);
    const programme = (await this.programmes.findWithRules(programmeId))!.programme;
    const content = version.content as { title: string; budgetLines: BudgetLine[]; attachments: AttachmentFact[] };
    const totals = budgetTotals(content.budgetLines);
    const data: ReceiptData = {
      registrationNumber: version.registrationNumber,
      version: version.version,
      submittedAt: version.submittedAt,
      programme: { code: programme.code, titleRu: programme.titleRu, titleEn: programme.titleEn, closesAt: programme.closesAt! },
      cluster: {
        nameRu: cluster.nameRu,
        nameEn: cluster.nameEn,
        regionCode: cluster.regionCode,
        timeZone: cluster.timeZone,
        organisationName: cluster.organisationName,
        organisationInn: cluster.organisationInn,
      },
      bid: {
        title: content.title,
        federalKopecks: `${totals.federal}`,
        regionalKopecks: `${totals.regional}`,
        extraBudgetaryKopecks: `${totals.extraBudgetary}`,
        totalKopecks: `${totals.total}`,
      },
      budgetLines: content.budgetLines,
      attachments: content.attachments,
      contentSha256: version.contentSha256,
    };
    return {
      fileName: `receipt-${version.registrationNumber}-v${version.version}-${language}.pdf`,
      pdf: await renderReceipt(data, language),
    };
  }
}
