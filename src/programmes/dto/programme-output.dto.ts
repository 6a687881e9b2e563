import { ApiProperty } from '@nestjs/swagger';
import type { Language } from '../../common/http/language';
import { ProgrammeRuleVersionEntity } from '../programme-rule-version.entity';
import { ProgrammeEntity } from '../programme.entity';
import type {
  Aggregation,
  AllocationPolicy,
  AttachmentKind,
  CriterionRule,
  EligibilityRule,
  ProgrammeRules,
  ProgrammeStatus,
  SectionRule,
  TieBreakRule,
} from '../programme.rules';
import { PROGRAMME_STATUSES } from '../programme.rules';

export class ProgrammeSummaryDto {
  id: string;
  code: string;
  /** Lifecycle: draft → open → closed → scoring → ranked → published → archived. */
  @ApiProperty({ enum: PROGRAMME_STATUSES })
  status: ProgrammeStatus;
  /** Title in the caller's language (Accept-Language; Russian by default). */
  title: string;
  titleRu: string;
  titleEn: string;
  /** Total budget in kopecks, as a decimal string. */
  budgetKopecks: string | null;
  opensAt: string | null;
  closesAt: string | null;
  rulesVersion: number;

  static from(p: ProgrammeEntity, language: Language): ProgrammeSummaryDto {
    return {
      id: p.id,
      code: p.code,
      status: p.status,
      title: language === 'en' ? p.titleEn : p.titleRu,
      titleRu: p.titleRu,
      titleEn: p.titleEn,
      budgetKopecks: p.budgetKopecks,
      opensAt: p.opensAt?.toISOString() ?? null,
      closesAt: p.closesAt?.toISOString() ?? null,
      rulesVersion: p.rulesVersion,
    };
  }
}

export class ProgrammePageDto {
  items: ProgrammeSummaryDto[];
  total: number;
}

export class CriterionDto implements CriterionRule {
  code: string;
  titleRu: string;
  titleEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  minScore: number | null;
}

export class EligibilityItemDto implements EligibilityRule {
  code: string;
  textRu: string;
  textEn: string;
}

export class SectionDto implements SectionRule {
  code: string;
  titleRu: string;
  titleEn: string;
  required: boolean;
  maxLength: number;
}

export class AttachmentKindDto implements AttachmentKind {
  code: string;
  titleRu: string;
  titleEn: string;
  required: boolean;
}

export class TieBreakDto implements TieBreakRule {
  rule: TieBreakRule['rule'];
  criterionCode?: string;
}

export class ProgrammeDto extends ProgrammeSummaryDto {
  descriptionRu: string;
  descriptionEn: string;
  fundingYears: number[];
  costCategories: string[];
  maxFederalPerBidKopecks: string | null;
  maxFederalPerClusterKopecks: string | null;
  minCofinancingBasisPoints: number;
  singleActiveBid: boolean;
  sections: SectionDto[];
  attachmentKinds: AttachmentKindDto[];
  maxAttachmentBytes: number;
  criteria: CriterionDto[];
  minWeightedTotal: number | null;
  eligibilityChecklist: EligibilityItemDto[];
  reviewersPerBid: number;
  aggregation: Aggregation;
  trimBasisPoints: number;
  disagreementThreshold: number | null;
  minJustificationLength: number;
  conflictSameRegion: boolean;
  tieBreakChain: TieBreakDto[];
  allocationPolicy: AllocationPolicy;
  partialMinShareBasisPoints: number | null;
  selectTopN: number | null;
  reserveListLength: number;
  appealWindowDays: number;
  /** Demo data (made-up figures modelled on real rounds). */
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;

  static fromRules(p: ProgrammeEntity, rules: ProgrammeRules, language: Language): ProgrammeDto {
    return {
      ...rules,
      ...ProgrammeSummaryDto.from(p, language),
      isDemo: p.isDemo,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class RuleVersionDto {
  version: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  /** The complete rules as they stood in this version. */
  rules: Record<string, unknown>;

  static from(v: ProgrammeRuleVersionEntity): RuleVersionDto {
    return {
      version: v.version,
      reason: v.reason,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      rules: v.rules as Record<string, unknown>,
    };
  }
}

export class RuleVersionListDto {
  items: RuleVersionDto[];
  total: number;
}
