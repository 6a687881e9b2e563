import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../common/errors/domain-error';
import { formatRoubles } from '../common/money/kopecks';
import type { ProgrammeRules } from '../programmes/programme.rules';

export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'eligible',
  'ineligible',
  'in_review',
  'scored',
  'ranked',
  'funded',
  'partially_funded',
  'reserve',
  'not_funded',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Bids that hold a place: they count toward the cluster's cap and its single active bid. */
export const ACTIVE_STATUSES: SubmissionStatus[] = SUBMISSION_STATUSES.filter((s) => !['draft', 'withdrawn', 'ineligible'].includes(s));

export const BUDGET_SOURCES = ['federal', 'regional', 'extra-budgetary'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

export interface BudgetLine {
  year: number;
  category: string;
  source: BudgetSource;
  amountKopecks: string;
}

export interface AttachmentFact {
  kind: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

/** The working copy of a bid as the rules see it. */
export interface BidContent {
  title: string;
  summary: string;
  sections: Record<string, string>;
  contact: { name: string; email: string; phone: string };
  budgetLines: BudgetLine[];
  attachments: AttachmentFact[];
}

export interface SubmitContext {
  rules: ProgrammeRules;
  /** Database clock inside the submitting transaction. */
  now: Date;
  opensAt: Date;
  /** The programme's deadline, or the cluster's extension if it has one. */
  deadline: Date;
  /** Federal requests of the cluster's other active bids in this programme. */
  clusterOtherFederalKopecks: bigint;
  clusterOtherActiveBids: number;
}

export interface BudgetTotals {
  federal: bigint;
  regional: bigint;
  extraBudgetary: bigint;
  total: bigint;
}

export function budgetTotals(lines: BudgetLine[]): BudgetTotals {
  const sum = (source: BudgetSource) => lines.filter((l) => l.source === source).reduce((total, l) => total + BigInt(l.amountKopecks), 0n);
  const federal = sum('federal');
  const regional = sum('regional');
  const extraBudgetary = sum('extra-budgetary');
  return { federal, regional, extraBudgetary, total: federal + regional + extraBudgetary };
}

const detail = (field: string, rule: string, message: string): ErrorDetail => ({ field, rule, message });
const money = (kopecks: bigint) => formatRoubles(kopecks, 'en');
/** A share in basis points, shown as a percentage with two decimals, computed without floats. */
const percent = (basisPoints: bigint) => `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')} %`;

/**
 * Every rule a submission must pass, checked at once; each failure names its field and rule. Pure: the caller
 * supplies the database clock and the cluster's other bids, read inside the submitting transaction.
 */
export function submitErrors(bid: BidContent, context: SubmitContext): ErrorDetail[] {
  return [
    ...windowErrors(context),
    ...contentErrors(bid, context.rules),
    ...budgetErrors(bid.budgetLines, context),
    ...attachmentErrors(bid, context.rules),
  ];
}

function windowErrors({ now, opensAt, deadline, rules, clusterOtherActiveBids }: SubmitContext): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (now < opensAt) errors.push(detail('programme', 'callNotOpenYet', `applications are accepted from ${opensAt.toISOString()}`));
  if (now >= deadline) errors.push(detail('programme', 'deadlinePassed', `the deadline passed at ${deadline.toISOString()}`));
  if (rules.singleActiveBid && clusterOtherActiveBids > 0) {
    errors.push(detail('programme', 'singleActiveBid', 'this programme accepts one active bid per cluster; withdraw the other bid first'));
  }
  return errors;
}

function contentErrors(bid: BidContent, rules: ProgrammeRules): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!bid.title.trim()) errors.push(detail('title', 'required', 'give the bid a title'));
  if (!bid.summary.trim()) errors.push(detail('summary', 'required', 'write a summary of the bid'));
  for (const section of rules.sections) {
    const text = bid.sections[section.code] ?? '';
    if (section.required && !text.trim())
      errors.push(detail(`sections.${section.code}`, 'requiredSection', `section "${section.titleEn}" is required`));
    // Characters as people count them (code points), not UTF-16 units: an emoji or a rare CJK character is one.
    const length = [...text].length;
    if (length > section.maxLength) {
      errors.push(
        detail(
          `sections.${section.code}`,
          'maxLength',
          `section "${section.titleEn}" is ${length} characters; at most ${section.maxLength}`,
        ),
      );
    }
  }
  const known = new Set(rules.sections.map((s) => s.code));
  for (const code of Object.keys(bid.sections)) {
    if (!known.has(code)) errors.push(detail(`sections.${code}`, 'unknownSection', `the programme has no section "${code}"`));
  }
  return errors;
}

function budgetErrors(lines: BudgetLine[], context: SubmitContext): ErrorDetail[] {
  const { rules } = context;
  const errors: ErrorDetail[] = [];
  lines.forEach((line, index) => {
    if (!rules.fundingYears.includes(line.year)) {
      errors.push(
        detail(
          `budgetLines[${index}].year`,
          'allowedYear',
          `${line.year} is not a funding year of the programme (${rules.fundingYears.join(', ')})`,
        ),
      );
    }
    if (!rules.costCategories.includes(line.category)) {
      errors.push(
        detail(
          `budgetLines[${index}].category`,
          'allowedCategory',
          `"${line.category}" is not an allowed cost category (${rules.costCategories.join(', ')})`,
        ),
      );
    }
  });
  const totals = budgetTotals(lines);
  const statusAward = rules.allocationPolicy === 'select-top-n';
  if (totals.total === 0n)
    errors.push(detail('budgetLines', 'required', 'add the budget: federal, regional and extra-budgetary amounts by year and category'));
  else if (totals.federal === 0n && !statusAward) errors.push(detail('budgetLines', 'federalRequest', 'the bid requests no federal funds'));
  if (rules.maxFederalPerBidKopecks !== null && totals.federal > BigInt(rules.maxFederalPerBidKopecks)) {
    errors.push(
      detail(
        'budgetLines',
        'perBidCap',
        `the federal request ${money(totals.federal)} exceeds the per-bid maximum ${money(BigInt(rules.maxFederalPerBidKopecks))}`,
      ),
    );
  }
  if (rules.maxFederalPerClusterKopecks !== null) {
    const clusterTotal = totals.federal + context.clusterOtherFederalKopecks;
    if (clusterTotal > BigInt(rules.maxFederalPerClusterKopecks)) {
      errors.push(
        detail(
          'budgetLines',
          'perClusterCap',
          `with the cluster's other bids (${money(context.clusterOtherFederalKopecks)}) the federal request comes to ${money(clusterTotal)}, above the per-cluster maximum ${money(BigInt(rules.maxFederalPerClusterKopecks))}`,
        ),
      );
    }
  }
  const cofinancing = totals.regional + totals.extraBudgetary;
  if (totals.total > 0n && cofinancing * 10000n < BigInt(rules.minCofinancingBasisPoints) * totals.total) {
    errors.push(
      detail(
        'budgetLines',
        'cofinancingShare',
        `co-financing is ${percent((cofinancing * 10000n) / totals.total)} of the total; at least ${percent(BigInt(rules.minCofinancingBasisPoints))} is required`,
      ),
    );
  }
  return errors;
}

function attachmentErrors(bid: BidContent, rules: ProgrammeRules): ErrorDetail[] {
  const present = new Set(bid.attachments.map((a) => a.kind));
  return rules.attachmentKinds
    .filter((kind) => kind.required && !present.has(kind.code))
    .map((kind) => detail(`attachments.${kind.code}`, 'requiredAttachment', `attach "${kind.titleEn}" (PDF)`));
}

/**
 * A working copy's budget lines are keyed by (year, category, source): a second line with the same key is a client
 * mistake (it would otherwise hit the table's primary key as a 500), named at the repeated line.
 */
export function duplicateBudgetLineErrors(lines: Pick<BudgetLine, 'year' | 'category' | 'source'>[]): ErrorDetail[] {
  const seen = new Map<string, number>();
  const errors: ErrorDetail[] = [];
  lines.forEach((line, index) => {
    const key = `${line.year}|${line.category}|${line.source}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else
      errors.push(
        detail(
          `budgetLines[${index}]`,
          'unique',
          `repeats budgetLines[${first}] (${line.year}, ${line.category}, ${line.source}); put the amount in one line`,
        ),
      );
  });
  return errors;
}

/** Plain UTF-16 code-unit order (JavaScript's `<`): the same on every machine and in every locale, unlike localeCompare. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Key-sorted JSON, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort(byCodePoint)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a version freezes and its receipt's sha256 covers: the bid's content and its attachments' hashes. */
export function canonicalContent(programmeCode: string, clusterId: string, bid: BidContent) {
  const order = (a: BudgetLine, b: BudgetLine) => a.year - b.year || byCodePoint(a.category, b.category) || byCodePoint(a.source, b.source);
  const content = {
    programmeCode,
    clusterId,
    title: bid.title,
    summary: bid.summary,
    sections: bid.sections,
    contact: bid.contact,
    budgetLines: [...bid.budgetLines].sort(order),
    attachments: [...bid.attachments].sort((a, b) => byCodePoint(a.kind, b.kind)),
  };
  const text = canonicalJson(content);
  return { content, sha256: createHash('sha256').update(text).digest('hex') };
}
