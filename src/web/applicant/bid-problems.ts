import type { ErrorDetail } from '../../common/errors/domain-error';
import { formatBytes, formatInstant, MOSCOW_TIME_ZONE } from '../../common/pdf/format';
import type { ProgrammeRules } from '../../programmes/programme.rules';
import { budgetTotals, type BudgetLine } from '../../submissions/submission.rules';
import type { Dictionary, Language } from '../i18n/dictionary';
import { formatPercent, formatRoubles } from '../views/format';
import { formatShare } from './amount-input';

/**
 * Where a problem is shown: next to one input (`title`, `section:<code>`, `line:<row>:<part>`, `attachment:<kind>`,
 * ...), at the budget as a whole (`budget`), or only in the summary (`general`).
 */
export type Placement = string;

/** A problem as the page shows it: in the page's language, at its field, linked from the error summary. */
export interface ShownProblem {
  placement: Placement;
  /** The id of the input the summary links to; null for problems of the bid as a whole. */
  anchor: string | null;
  message: string;
}

export interface ProblemContext {
  t: Dictionary;
  language: Language;
  rules: ProgrammeRules;
  /** The budget lines the problems were found in (for the share the co-financing message quotes). */
  lines: BudgetLine[];
}

const LINE_PARTS: Record<string, string> = { year: 'year', category: 'category', source: 'source', amountKopecks: 'amount' };

/** The input a service field name belongs to: the same names the API's error details use. */
export function placementOf(field: string, rules: ProgrammeRules): { placement: Placement; anchor: string | null } {
  const simple: Record<string, [string, string]> = {
    title: ['title', 'title'],
    summary: ['summary', 'summary'],
    contactName: ['contactName', 'contact-name'],
    contactEmail: ['contactEmail', 'contact-email'],
    contactPhone: ['contactPhone', 'contact-phone'],
    budgetLines: ['budget', 'budget'],
  };
  if (Object.hasOwn(simple, field)) return { placement: simple[field][0], anchor: simple[field][1] };
  const line = /^budgetLines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (line) {
    const part = line[2] === undefined ? 'row' : (LINE_PARTS[line[2]] ?? 'row');
    return { placement: `line:${line[1]}:${part}`, anchor: `line-${line[1]}-${part === 'row' ? 'year' : part}` };
  }
  const section = /^sections\.(.+)$/.exec(field);
  if (section && rules.sections.some((s) => s.code === section[1])) {
    return { placement: `section:${section[1]}`, anchor: `section-${section[1]}` };
  }
  const attachment = /^attachments\.(.+)$/.exec(field);
  if (attachment && rules.attachmentKinds.some((k) => k.code === attachment[1])) {
    return { placement: `attachment:${attachment[1]}`, anchor: `file-${attachment[1]}` };
  }
  return { placement: 'general', anchor: null };
}

/** The order of the page, so the summary lists problems as the eye meets the fields. */
function rank(placement: Placement, rules: ProgrammeRules): number {
  const [kind, a, b] = placement.split(':');
  const fixed: Record<string, number> = {
    general: 0,
    title: 1,
    summary: 2,
    contactName: 300,
    contactEmail: 301,
    contactPhone: 302,
    budget: 400,
  };
  if (kind in fixed) return fixed[kind];
  if (kind === 'section') return 10 + rules.sections.findIndex((s) => s.code === a);
  if (kind === 'line') return 500 + Number(a) * 10 + ['year', 'category', 'source', 'amount', 'row'].indexOf(b);
  if (kind === 'attachment') return 100_000 + rules.attachmentKinds.findIndex((k) => k.code === a);
  return 0;
}

/** Every problem in the page's language, at its field, in page order. */
export function showProblems(problems: ErrorDetail[], context: ProblemContext): ShownProblem[] {
  return problems
    .map((detail) => ({ ...placementOf(detail.field, context.rules), message: messageOf(detail, context) }))
    .map((shown, index) => ({ shown, index, order: rank(shown.placement, context.rules) }))
    .sort((x, y) => x.order - y.order || x.index - y.index)
    .map(({ shown }) => shown);
}

/** The message of one failed rule in the page's language; the service's own (English) words when the rule is new to the page. */
export function messageOf(detail: ErrorDetail, { t, language, rules, lines }: ProblemContext): string {
  const p = t.applicant.problem;
  const section = rules.sections.find((s) => `sections.${s.code}` === detail.field);
  const kind = rules.attachmentKinds.find((k) => `attachments.${k.code}` === detail.field);
  const money = (kopecks: string | null) => (kopecks === null ? '' : formatRoubles(kopecks, language));
  const when = (iso: RegExpExecArray | null) => (iso ? formatInstant(new Date(iso[0]), MOSCOW_TIME_ZONE, language) : '');
  const isoIn = (message: string) => /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(message);
  const number = (message: string) => /(\d+)/.exec(message)?.[1] ?? '';
  const title = (item: { titleRu: string; titleEn: string }) => (language === 'en' ? item.titleEn : item.titleRu);
  switch (detail.rule) {
    case 'required':
      if (detail.field === 'title') return p.titleRequired;
      if (detail.field === 'summary') return p.summaryRequired;
      if (detail.field === 'budgetLines') return p.budgetRequired;
      break;
    case 'requiredSection':
      if (section) return p.sectionRequired(title(section));
      break;
    case 'maxLength':
      if (section) return p.sectionTooLong(title(section), section.maxLength);
      return p.tooLong(number(detail.message));
    case 'unknownSection':
      return p.sectionUnknown(detail.field.slice('sections.'.length));
    case 'allowedYear':
      return p.yearNotAllowed(rules.fundingYears.join(', '));
    case 'allowedCategory':
      return p.categoryNotAllowed;
    case 'federalRequest':
      return p.noFederalRequest;
    case 'perBidCap':
      return p.perBidCap(money(rules.maxFederalPerBidKopecks));
    case 'perClusterCap':
      return p.perClusterCap(money(rules.maxFederalPerClusterKopecks));
    case 'cofinancingShare': {
      const totals = budgetTotals(lines);
      const share = totals.total > 0n ? ((totals.regional + totals.extraBudgetary) * 10000n) / totals.total : 0n;
      return p.cofinancingShare(formatShare(share, language), formatPercent(rules.minCofinancingBasisPoints, language));
    }
    case 'requiredAttachment':
      if (kind) return p.attachmentRequired(title(kind));
      break;
    case 'callNotOpenYet':
      return p.callNotOpenYet(when(isoIn(detail.message)));
    case 'deadlinePassed':
      return p.deadlinePassed(when(isoIn(detail.message)));
    case 'singleActiveBid':
      return p.singleActiveBid;
    case 'unique':
      return p.lineRepeated;
    case 'isEmail':
      return p.emailInvalid;
    case 'matches':
      if (detail.field === 'contactPhone') return p.phoneInvalid;
      return p.invalidValue;
    case 'isPdf':
      return p.fileNotPdf;
    case 'maxBytes':
      return p.fileTooLarge(formatBytes(rules.maxAttachmentBytes, language));
    case 'knownKind':
      return p.fileKindUnknown;
    case 'isInt':
    case 'min':
    case 'max':
    case 'isIn':
      return p.invalidValue;
  }
  if (detail.rule.startsWith('amount.')) {
    const amount: Record<string, string> = {
      'amount.empty': p.amountEmpty,
      'amount.format': p.amountFormat,
      'amount.decimals': p.amountDecimals,
      'amount.negative': p.amountNegative,
      'amount.tooLarge': p.amountTooLarge,
    };
    return amount[detail.rule] ?? p.amountFormat;
  }
  return detail.message;
}
