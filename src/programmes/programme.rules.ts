import type { ErrorDetail } from '../common/errors/domain-error';

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed', 'scoring', 'ranked', 'published', 'archived'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const AGGREGATIONS = ['mean', 'median', 'trimmed-mean', 'z-score'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const ALLOCATION_POLICIES = ['greedy-skip', 'partial-marginal', 'proportional', 'select-top-n'] as const;
export type AllocationPolicy = (typeof ALLOCATION_POLICIES)[number];

/** Tie-breaks applied in order after the weighted total. */
export const TIE_BREAK_RULES = ['criterion', 'earlier-final-submission', 'smaller-request', 'larger-cofinancing-share'] as const;
export type TieBreakRuleName = (typeof TIE_BREAK_RULES)[number];

export interface TieBreakRule {
  rule: TieBreakRuleName;
  /** For `criterion`: the criterion whose aggregated score decides, higher first. */
  criterionCode?: string;
}

export interface SectionRule {
  code: string;
  titleRu: string;
  titleEn: string;
  required: boolean;
  maxLength: number;
}

export interface AttachmentKind {
  code: string;
  titleRu: string;
  titleEn: string;
  required: boolean;
}

export interface CriterionRule {
  code: string;
  titleRu: string;
  titleEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  minScore: number | null;
}

export interface EligibilityRule {
  code: string;
  textRu: string;
  textEn: string;
}

/** The cost directions of the clusters programme, used when a programme names none. */
export const DEFAULT_COST_CATEGORIES = [
  'specialised-organisation',
  'training-and-education',
  'joint-rnd',
  'exhibitions-and-promotion',
  'innovation-infrastructure',
] as const;

/** Everything a programme's rules consist of: what freezes when it opens and what a rule version snapshots. */
export interface ProgrammeRules {
  code: string;
  titleRu: string;
  titleEn: string;
  descriptionRu: string;
  descriptionEn: string;
  opensAt: string | null;
  closesAt: string | null;
  budgetKopecks: string | null;
  fundingYears: number[];
  costCategories: string[];
  maxFederalPerBidKopecks: string | null;
  maxFederalPerClusterKopecks: string | null;
  minCofinancingBasisPoints: number;
  singleActiveBid: boolean;
  sections: SectionRule[];
  attachmentKinds: AttachmentKind[];
  maxAttachmentBytes: number;
  criteria: CriterionRule[];
  minWeightedTotal: number | null;
  eligibilityChecklist: EligibilityRule[];
  reviewersPerBid: number;
  aggregation: Aggregation;
  trimBasisPoints: number;
  disagreementThreshold: number | null;
  minJustificationLength: number;
  conflictSameRegion: boolean;
  tieBreakChain: TieBreakRule[];
  allocationPolicy: AllocationPolicy;
  partialMinShareBasisPoints: number | null;
  selectTopN: number | null;
  reserveListLength: number;
  appealWindowDays: number;
}

/** Scores are kept in hundredths, so scale arithmetic is exact integer arithmetic. */
export const toHundredths = (value: number) => Math.round(value * 100);
export const isHundredths = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

const detail = (field: string, rule: string, message: string): ErrorDetail => ({ field, rule, message });

function duplicateCodes(items: { code: string }[], field: string): ErrorDetail[] {
  const seen = new Set<string>();
  const errors: ErrorDetail[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.code)) errors.push(detail(`${field}[${index}].code`, 'unique', `code "${item.code}" appears twice in ${field}`));
    seen.add(item.code);
  });
  return errors;
}

function criterionErrors(criterion: CriterionRule, index: number): ErrorDetail[] {
  const field = `criteria[${index}]`;
  const errors: ErrorDetail[] = [];
  const [min, max, step] = [criterion.scaleMin, criterion.scaleMax, criterion.scaleStep].map(toHundredths);
  if (max <= min)
    errors.push(detail(`${field}.scaleMax`, 'greaterThanScaleMin', `scaleMax must be greater than scaleMin (${criterion.scaleMin})`));
  else if (step <= 0 || (max - min) % step !== 0) {
    errors.push(
      detail(
        `${field}.scaleStep`,
        'dividesScale',
        `scaleStep must divide the scale ${criterion.scaleMin}–${criterion.scaleMax} into whole steps`,
      ),
    );
  }
  if (criterion.minScore !== null) {
    const minScore = toHundredths(criterion.minScore);
    if (minScore < min || minScore > max) {
      errors.push(detail(`${field}.minScore`, 'withinScale', `minScore must lie on the scale ${criterion.scaleMin}–${criterion.scaleMax}`));
    } else if (step > 0 && (minScore - min) % step !== 0) {
      errors.push(detail(`${field}.minScore`, 'onStep', `minScore must be a step of ${criterion.scaleStep} from ${criterion.scaleMin}`));
    }
  }
  return errors;
}

/** The weighted total's range: Σ weight × score / 100 at the bottom and top of every scale. */
export function weightedTotalRange(criteria: CriterionRule[]): { min: number; max: number } {
  const sum = (pick: (c: CriterionRule) => number) => criteria.reduce((total, c) => total + c.weight * toHundredths(pick(c)), 0) / 10000;
  return { min: sum((c) => c.scaleMin), max: sum((c) => c.scaleMax) };
}

/**
 * Consistency of a rule set, checked on every save (a draft may be incomplete, never contradictory).
 * Returns every problem at once, each naming its field and rule.
 */
export function ruleConsistencyErrors(rules: ProgrammeRules): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (rules.opensAt && rules.closesAt && Date.parse(rules.closesAt) <= Date.parse(rules.opensAt)) {
    errors.push(detail('closesAt', 'afterOpensAt', `closesAt must be after opensAt (${rules.opensAt})`));
  }
  const budget = rules.budgetKopecks === null ? null : BigInt(rules.budgetKopecks);
  if (budget !== null && budget <= 0n) errors.push(detail('budgetKopecks', 'positive', 'budgetKopecks must be greater than zero'));
  for (const cap of ['maxFederalPerBidKopecks', 'maxFederalPerClusterKopecks'] as const) {
    const value = rules[cap];
    if (value === null) continue;
    if (BigInt(value) <= 0n) errors.push(detail(cap, 'positive', `${cap} must be greater than zero`));
    else if (budget !== null && BigInt(value) > budget) {
      errors.push(detail(cap, 'notAboveBudget', `${cap} (${value}) must not exceed budgetKopecks (${budget})`));
    }
  }
  if (rules.criteria.length) {
    errors.push(...duplicateCodes(rules.criteria, 'criteria'));
    rules.criteria.forEach((criterion, index) => errors.push(...criterionErrors(criterion, index)));
    const weights = rules.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (weights !== 100)
      errors.push(detail('criteria', 'weightsSumTo100', `criteria weights must add up to 100; they add up to ${weights}`));
    else if (rules.minWeightedTotal !== null) {
      const range = weightedTotalRange(rules.criteria);
      if (rules.minWeightedTotal < range.min || rules.minWeightedTotal > range.max) {
        errors.push(detail('minWeightedTotal', 'withinRange', `minWeightedTotal must lie between ${range.min} and ${range.max}`));
      }
    }
  }
  errors.push(...duplicateCodes(rules.eligibilityChecklist, 'eligibilityChecklist'));
  errors.push(...duplicateCodes(rules.sections, 'sections'));
  errors.push(...duplicateCodes(rules.attachmentKinds, 'attachmentKinds'));
  errors.push(...tieBreakErrors(rules));
  errors.push(...policyErrors(rules));
  return errors;
}

function tieBreakErrors(rules: ProgrammeRules): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  const codes = new Set(rules.criteria.map((c) => c.code));
  rules.tieBreakChain.forEach((step, index) => {
    const field = `tieBreakChain[${index}]`;
    const key = `${step.rule}:${step.criterionCode ?? ''}`;
    if (seen.has(key)) errors.push(detail(field, 'unique', `${field} repeats an earlier tie-break`));
    seen.add(key);
    if (step.rule === 'criterion' && !step.criterionCode) {
      errors.push(detail(`${field}.criterionCode`, 'required', 'a criterion tie-break must name criterionCode'));
    } else if (step.rule === 'criterion' && !codes.has(step.criterionCode!)) {
      errors.push(detail(`${field}.criterionCode`, 'knownCriterion', `criterionCode "${step.criterionCode}" is not one of the criteria`));
    } else if (step.rule !== 'criterion' && step.criterionCode) {
      errors.push(detail(`${field}.criterionCode`, 'onlyForCriterion', 'criterionCode is only for the criterion tie-break'));
    }
  });
  return errors;
}

function policyErrors(rules: ProgrammeRules): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (rules.allocationPolicy === 'partial-marginal' && rules.partialMinShareBasisPoints === null) {
    errors.push(
      detail(
        'partialMinShareBasisPoints',
        'requiredForPolicy',
        'partial-marginal needs partialMinShareBasisPoints (share of the request the last bid must get)',
      ),
    );
  }
  if (rules.allocationPolicy === 'select-top-n' && rules.selectTopN === null) {
    errors.push(detail('selectTopN', 'requiredForPolicy', 'select-top-n needs selectTopN (how many bids are selected)'));
  }
  if (rules.aggregation === 'trimmed-mean' && rules.trimBasisPoints >= 5000) {
    errors.push(detail('trimBasisPoints', 'belowHalf', 'trimBasisPoints must be below 5000 (less than half cut from each end)'));
  }
  return errors;
}

/**
 * What a rule set lacks to run a call: the parts every open (or later) programme must have. `rule` names the
 * occasion: `requiredToOpen` when a draft opens, `requiredWhileOpen` when a rule version would remove a part.
 */
export function completenessErrors(rules: ProgrammeRules, rule = 'requiredToOpen'): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const required = (field: keyof ProgrammeRules, message: string) => errors.push(detail(field, rule, message));
  if (!rules.opensAt) required('opensAt', 'set opensAt, when applications start being accepted');
  if (!rules.closesAt) required('closesAt', 'set closesAt, the deadline for applications');
  // A status award (select-top-n, as in the 2016 "cluster 2.0" call) distributes no money, so needs no budget.
  if (rules.allocationPolicy !== 'select-top-n') {
    if (rules.budgetKopecks === null) required('budgetKopecks', 'set the total budget');
    if (rules.maxFederalPerBidKopecks === null) required('maxFederalPerBidKopecks', 'set the maximum federal request per bid');
    if (rules.maxFederalPerClusterKopecks === null) required('maxFederalPerClusterKopecks', 'set the maximum federal funding per cluster');
  }
  if (!rules.fundingYears.length) required('fundingYears', 'name at least one funding year');
  if (!rules.costCategories.length) required('costCategories', 'name at least one cost category');
  if (!rules.criteria.length) required('criteria', 'define the scoring criteria (weights adding up to 100)');
  if (!rules.eligibilityChecklist.length) required('eligibilityChecklist', 'define at least one eligibility checklist item');
  if (rules.disagreementThreshold === null) required('disagreementThreshold', 'set the disagreement threshold between reviewers');
  return errors;
}

/** What a draft still lacks to be opened: required parts, and a deadline still in the future by `now`. */
export function readinessToOpenErrors(rules: ProgrammeRules, now: Date): ErrorDetail[] {
  const errors = completenessErrors(rules, 'requiredToOpen');
  if (rules.closesAt && Date.parse(rules.closesAt) <= now.getTime()) {
    errors.push(detail('closesAt', 'inFuture', `closesAt (${rules.closesAt}) has already passed`));
  }
  return [...errors, ...ruleConsistencyErrors(rules)];
}

/** Whether two rule sets say the same thing (key order and list element classes aside). */
export function sameRules(a: ProgrammeRules, b: ProgrammeRules): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Transitions an explicit status change may make; ranking and publication have their own operations. */
export const STATUS_TRANSITIONS: Partial<Record<ProgrammeStatus, ProgrammeStatus[]>> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['scoring'],
  published: ['archived'],
};

/** Statuses anyone may see; drafts are the ministry's working copies. */
export const PUBLIC_STATUSES: ProgrammeStatus[] = ['open', 'closed', 'scoring', 'ranked', 'published', 'archived'];

/** After the call opens, rules change only by a new audited version, and not at all once scoring begins. */
export const VERSIONABLE_STATUSES: ProgrammeStatus[] = ['open', 'closed'];
