import { ProgrammeEntity } from './programme.entity';
import { DEFAULT_COST_CATEGORIES, ProgrammeRules } from './programme.rules';
import type { ProgrammeWithRules } from './programmes.repository';

const num = (value: string | null) => (value === null ? null : Number(value));

/** The rules as plain data: what the pure checks read and what a rule version snapshots. */
export function toRules({ programme: p, criteria, eligibilityItems }: ProgrammeWithRules): ProgrammeRules {
  return {
    code: p.code,
    titleRu: p.titleRu,
    titleEn: p.titleEn,
    descriptionRu: p.descriptionRu,
    descriptionEn: p.descriptionEn,
    opensAt: p.opensAt?.toISOString() ?? null,
    closesAt: p.closesAt?.toISOString() ?? null,
    budgetKopecks: p.budgetKopecks,
    fundingYears: p.fundingYears,
    costCategories: p.costCategories,
    maxFederalPerBidKopecks: p.maxFederalPerBidKopecks,
    maxFederalPerClusterKopecks: p.maxFederalPerClusterKopecks,
    minCofinancingBasisPoints: p.minCofinancingBasisPoints,
    singleActiveBid: p.singleActiveBid,
    sections: p.sections,
    attachmentKinds: p.attachmentKinds,
    maxAttachmentBytes: p.maxAttachmentBytes,
    criteria: criteria.map((c) => ({
      code: c.code,
      titleRu: c.titleRu,
      titleEn: c.titleEn,
      weight: c.weight,
      scaleMin: Number(c.scaleMin),
      scaleMax: Number(c.scaleMax),
      scaleStep: Number(c.scaleStep),
      minScore: num(c.minScore),
    })),
    minWeightedTotal: num(p.minWeightedTotal),
    eligibilityChecklist: eligibilityItems.map((item) => ({ code: item.code, textRu: item.textRu, textEn: item.textEn })),
    reviewersPerBid: p.reviewersPerBid,
    aggregation: p.aggregation,
    trimBasisPoints: p.trimBasisPoints,
    disagreementThreshold: num(p.disagreementThreshold),
    minJustificationLength: p.minJustificationLength,
    conflictSameRegion: p.conflictSameRegion,
    tieBreakChain: p.tieBreakChain,
    allocationPolicy: p.allocationPolicy,
    partialMinShareBasisPoints: p.partialMinShareBasisPoints,
    selectTopN: p.selectTopN,
    reserveListLength: p.reserveListLength,
    appealWindowDays: p.appealWindowDays,
  };
}

/** A new draft's rules before the ministry's input is laid over them. */
export function defaultRules(code: string, titleRu: string, titleEn: string): ProgrammeRules {
  return {
    code,
    titleRu,
    titleEn,
    descriptionRu: '',
    descriptionEn: '',
    opensAt: null,
    closesAt: null,
    budgetKopecks: null,
    fundingYears: [],
    costCategories: [...DEFAULT_COST_CATEGORIES],
    maxFederalPerBidKopecks: null,
    maxFederalPerClusterKopecks: null,
    minCofinancingBasisPoints: 0,
    singleActiveBid: true,
    sections: [],
    attachmentKinds: [],
    maxAttachmentBytes: 20 * 1024 * 1024,
    criteria: [],
    minWeightedTotal: null,
    eligibilityChecklist: [],
    reviewersPerBid: 3,
    aggregation: 'mean',
    trimBasisPoints: 2000,
    disagreementThreshold: null,
    minJustificationLength: 50,
    conflictSameRegion: false,
    tieBreakChain: [{ rule: 'earlier-final-submission' }, { rule: 'smaller-request' }],
    allocationPolicy: 'greedy-skip',
    partialMinShareBasisPoints: null,
    selectTopN: null,
    reserveListLength: 5,
    appealWindowDays: 10,
  };
}

/** Lays changes over rules; only keys present in `changes` count, and instants are normalised to UTC ISO. */
export function mergeRules(rules: ProgrammeRules, changes: Partial<ProgrammeRules>): ProgrammeRules {
  const merged: ProgrammeRules = { ...rules };
  for (const [key, value] of Object.entries(changes) as [keyof ProgrammeRules, unknown][]) {
    if (value === undefined) continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of ['opensAt', 'closesAt'] as const) {
    if (merged[key]) merged[key] = new Date(merged[key]!).toISOString();
  }
  merged.criteria = merged.criteria.map((c) => ({ ...c, minScore: c.minScore ?? null }));
  merged.tieBreakChain = merged.tieBreakChain.map((t) =>
    t.criterionCode ? { rule: t.rule, criterionCode: t.criterionCode } : { rule: t.rule },
  );
  merged.fundingYears = [...merged.fundingYears].sort((a, b) => a - b);
  return merged;
}

/** Writes the scalar rules onto the programme row (criteria and checklist live in their own tables). */
export function applyRules(programme: Partial<ProgrammeEntity>, rules: ProgrammeRules): Partial<ProgrammeEntity> {
  const text = (value: number | null) => (value === null ? null : String(value));
  return Object.assign(programme, {
    code: rules.code,
    titleRu: rules.titleRu,
    titleEn: rules.titleEn,
    descriptionRu: rules.descriptionRu,
    descriptionEn: rules.descriptionEn,
    opensAt: rules.opensAt ? new Date(rules.opensAt) : null,
    closesAt: rules.closesAt ? new Date(rules.closesAt) : null,
    budgetKopecks: rules.budgetKopecks,
    fundingYears: rules.fundingYears,
    costCategories: rules.costCategories,
    maxFederalPerBidKopecks: rules.maxFederalPerBidKopecks,
    maxFederalPerClusterKopecks: rules.maxFederalPerClusterKopecks,
    minCofinancingBasisPoints: rules.minCofinancingBasisPoints,
    singleActiveBid: rules.singleActiveBid,
    sections: rules.sections,
    attachmentKinds: rules.attachmentKinds,
    maxAttachmentBytes: rules.maxAttachmentBytes,
    minWeightedTotal: text(rules.minWeightedTotal),
    reviewersPerBid: rules.reviewersPerBid,
    aggregation: rules.aggregation,
    trimBasisPoints: rules.trimBasisPoints,
    disagreementThreshold: text(rules.disagreementThreshold),
    minJustificationLength: rules.minJustificationLength,
    conflictSameRegion: rules.conflictSameRegion,
    tieBreakChain: rules.tieBreakChain,
    allocationPolicy: rules.allocationPolicy,
    partialMinShareBasisPoints: rules.partialMinShareBasisPoints,
    selectTopN: rules.selectTopN,
    reserveListLength: rules.reserveListLength,
    appealWindowDays: rules.appealWindowDays,
  } satisfies Partial<ProgrammeEntity>);
}
