import { formatBoth } from '../../common/pdf/format';
import { ClusterEntity } from '../../clusters/cluster.entity';
import { budgetTotals, type BudgetLine, type BudgetSource, type SubmissionStatus } from '../submission.rules';
import { SubmissionEntity } from '../submission.entity';
import { AttachmentEntity, SubmissionVersionEntity } from '../submission-parts.entity';

export class BudgetLineDto implements BudgetLine {
  year: number;
  category: string;
  source: BudgetSource;
  amountKopecks: string;
}

export class AttachmentDto {
  id: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;

  static from(a: AttachmentEntity): AttachmentDto {
    return {
      id: a.id,
      kind: a.kind,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      uploadedAt: a.uploadedAt.toISOString(),
    };
  }
}

export class BudgetTotalsDto {
  federalKopecks: string;
  regionalKopecks: string;
  extraBudgetaryKopecks: string;
  totalKopecks: string;
}

export const totalsDto = (lines: BudgetLine[]): BudgetTotalsDto => {
  const t = budgetTotals(lines);
  return {
    federalKopecks: `${t.federal}`,
    regionalKopecks: `${t.regional}`,
    extraBudgetaryKopecks: `${t.extraBudgetary}`,
    totalKopecks: `${t.total}`,
  };
};

export class SubmissionSummaryDto {
  id: string;
  programmeId: string;
  clusterId: string;
  clusterName: string;
  regionCode: string;
  status: SubmissionStatus;
  title: string;
  registrationNumber: string | null;
  currentVersion: number;
  /** Database time of the version that counts. */
  submittedAt: string | null;
  /** Federal request of the version that counts, kopecks. */
  submittedFederalKopecks: string;
  updatedAt: string;

  static from(s: SubmissionEntity, cluster: ClusterEntity): SubmissionSummaryDto {
    return {
      id: s.id,
      programmeId: s.programmeId,
      clusterId: s.clusterId,
      clusterName: cluster.nameRu,
      regionCode: cluster.regionCode,
      status: s.status,
      title: s.title,
      registrationNumber: s.registrationNumber,
      currentVersion: s.currentVersion,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      submittedFederalKopecks: s.submittedFederalKopecks,
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export class SubmissionPageDto {
  items: SubmissionSummaryDto[];
  total: number;
}

export class SubmissionDto extends SubmissionSummaryDto {
  summary: string;
  sections: Record<string, string>;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  budgetLines: BudgetLineDto[];
  /** Totals of the working copy (what the next submit would send). */
  totals: BudgetTotalsDto;
  attachments: AttachmentDto[];
  /** The deadline that applies to this cluster (its extension, if any), ISO and as people read it. */
  deadline: string;
  deadlineText: { ru: string; en: string };
  /** True when the working copy differs from the submitted version (resubmit to make the changes count). */
  hasUnsubmittedChanges: boolean;
}

export class ReceiptDto {
  submissionId: string;
  registrationNumber: string;
  version: number;
  /** Database time of the submission. */
  submittedAt: string;
  submittedAtText: { ru: string; en: string };
  contentSha256: string;
  federalKopecks: string;
  regionalKopecks: string;
  extraBudgetaryKopecks: string;

  static from(v: SubmissionVersionEntity, clusterTimeZone: string): ReceiptDto {
    return {
      submissionId: v.submissionId,
      registrationNumber: v.registrationNumber,
      version: v.version,
      submittedAt: v.submittedAt.toISOString(),
      submittedAtText: { ru: formatBoth(v.submittedAt, clusterTimeZone, 'ru'), en: formatBoth(v.submittedAt, clusterTimeZone, 'en') },
      contentSha256: v.contentSha256,
      federalKopecks: v.federalKopecks,
      regionalKopecks: v.regionalKopecks,
      extraBudgetaryKopecks: v.extraBudgetaryKopecks,
    };
  }
}

export class ReceiptListDto {
  items: ReceiptDto[];
  total: number;
}

export class SubmitCheckDto {
  /** True when a submit now would pass every rule. */
  ready: boolean;
  problems: { field: string; rule: string; message: string }[];
}

export function toSubmissionDto(
  context: {
    submission: SubmissionEntity;
    cluster: ClusterEntity;
    lines: BudgetLine[];
    attachments: AttachmentEntity[];
    deadline: Date;
  },
  hasUnsubmittedChanges: boolean,
): SubmissionDto {
  const { submission: s, cluster } = context;
  const lines = context.lines.map(({ year, category, source, amountKopecks }) => ({ year, category, source, amountKopecks }));
  return {
    ...SubmissionSummaryDto.from(s, cluster),
    summary: s.summary,
    sections: s.sections,
    contactName: s.contactName,
    contactEmail: s.contactEmail,
    contactPhone: s.contactPhone,
    budgetLines: lines,
    totals: totalsDto(lines),
    attachments: context.attachments.map(AttachmentDto.from),
    deadline: context.deadline.toISOString(),
    deadlineText: { ru: formatBoth(context.deadline, cluster.timeZone, 'ru'), en: formatBoth(context.deadline, cluster.timeZone, 'en') },
    hasUnsubmittedChanges,
  };
}

export class EligibilityResultDto {
  code: string;
  passed: boolean;
  reason: string;
  checkedAt: string;
}

export class EligibilityDto {
  submissionId: string;
  status: SubmissionStatus;
  checkedAt: string | null;
  results: EligibilityResultDto[];
}
