import { CommonErrorCode, DomainError, type ErrorDetail } from '../../common/errors/domain-error';
import { createValidationPipe } from '../../common/errors/validation';
import type { ProgrammeRules } from '../../programmes/programme.rules';
import { SubmissionDraftDto } from '../../submissions/dto/submission-input.dto';
import type { BudgetLine } from '../../submissions/submission.rules';
import type { Language } from '../i18n/dictionary';
import { formatAmountInput, parseRoubleAmount } from './amount-input';

/** The most rows the editor keeps: the API's limit on budget lines. */
export const MAX_BUDGET_ROWS = 500;

/** One row of the budget table as typed: strings, exactly as the browser sent them. */
export interface BudgetRowInput {
  year: string;
  category: string;
  source: string;
  amount: string;
}

/** The editor's fields as typed (or as stored, formatted for editing). */
export interface BidFormInput {
  title: string;
  summary: string;
  sections: Record<string, string>;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  rows: BudgetRowInput[];
}

/** What the form posts, by field name: every value of a repeated name, in order. */
export type FormFields = Map<string, string[]>;

/** Browsers send textarea line breaks as CRLF; the bid keeps what the person sees. */
const text = (value: string | undefined) => (value ?? '').replace(/\r\n?/g, '\n');

/** A new row: the year and category of the row above (budgets are typed source by source), else the first ones. */
export const blankRow = (rules: ProgrammeRules, above?: BudgetRowInput): BudgetRowInput => ({
  year: above?.year ?? String(rules.fundingYears[0] ?? ''),
  category: above?.category ?? rules.costCategories[0] ?? '',
  source: 'federal',
  amount: '',
});

/** The stored working copy, as the editor shows it (amounts formatted in the page's language). */
export function formFromBid(
  bid: {
    title: string;
    summary: string;
    sections: Record<string, string>;
    contactName: string;
    contactEmail: string;
    contactPhone: string;
  },
  lines: BudgetLine[],
  rules: ProgrammeRules,
  language: Language,
): BidFormInput {
  const rows = lines.map((line) => ({
    year: String(line.year),
    category: line.category,
    source: line.source,
    amount: formatAmountInput(line.amountKopecks, language),
  }));
  return {
    title: bid.title,
    summary: bid.summary,
    sections: { ...bid.sections },
    contactName: bid.contactName,
    contactEmail: bid.contactEmail,
    contactPhone: bid.contactPhone,
    rows: rows.length > 0 ? rows : [blankRow(rules)],
  };
}

/** The posted form: scalar fields by name, one section textarea per programme section, rows by position. */
export function formFromFields(fields: FormFields, rules: ProgrammeRules): BidFormInput {
  const first = (name: string) => text(fields.get(name)?.[0]);
  const column = (name: string) => fields.get(name) ?? [];
  const [years, categories, sources, amounts] = ['line-year', 'line-category', 'line-source', 'line-amount'].map(column);
  const count = Math.min(MAX_BUDGET_ROWS, Math.max(years.length, categories.length, sources.length, amounts.length));
  const rows = Array.from({ length: count }, (_, i) => ({
    year: years[i] ?? '',
    category: categories[i] ?? '',
    source: sources[i] ?? '',
    amount: amounts[i] ?? '',
  }));
  const sections: Record<string, string> = {};
  for (const section of rules.sections) {
    if (fields.has(`section-${section.code}`)) sections[section.code] = first(`section-${section.code}`);
  }
  return {
    title: first('title'),
    summary: first('summary'),
    sections,
    contactName: first('contactName'),
    contactEmail: first('contactEmail'),
    contactPhone: first('contactPhone'),
    rows,
  };
}

const problem = (field: string, rule: string, message: string): ErrorDetail => ({ field, rule, message });

/**
 * The form as the API's draft: amounts parsed exactly to kopecks, rows left without an amount dropped, then checked
 * by the API's own ValidationPipe and DTO. Problems name the fields as the service does (`budgetLines[2].amountKopecks`),
 * with the index of the row as the form shows it. `draft` is null when there is any problem.
 */
export async function draftFromForm(
  input: BidFormInput,
): Promise<{ draft: SubmissionDraftDto | null; problems: ErrorDetail[]; rowOfLine: number[] }> {
  const problems: ErrorDetail[] = [];
  const rowOfLine: number[] = [];
  const budgetLines: { year: number | string; category: string; source: string; amountKopecks: string }[] = [];
  input.rows.forEach((row, index) => {
    if (row.amount.trim() === '') return;
    const parsed = parseRoubleAmount(row.amount);
    if ('error' in parsed) {
      problems.push(problem(`budgetLines[${index}].amountKopecks`, `amount.${parsed.error}`, `the amount "${row.amount}" is not readable`));
      return;
    }
    rowOfLine.push(index);
    budgetLines.push({
      year: /^\d{4}$/.test(row.year) ? Number(row.year) : row.year,
      category: row.category,
      source: row.source,
      amountKopecks: parsed.kopecks.toString(),
    });
  });
  const plain = {
    title: input.title,
    summary: input.summary,
    sections: input.sections,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    budgetLines,
  };
  try {
    const draft = (await createValidationPipe().transform(plain, {
      type: 'body',
      metatype: SubmissionDraftDto,
      data: '',
    })) as SubmissionDraftDto;
    return { draft: problems.length ? null : draft, problems, rowOfLine };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== CommonErrorCode.VALIDATION_FAILED) throw error;
    return { draft: null, problems: [...problems, ...toFormRows(error.details ?? [], rowOfLine)], rowOfLine };
  }
}

/** Renames `budgetLines[i]…` of a draft's line i to the form row it came from (rows without an amount were dropped). */
export function toFormRows(details: ErrorDetail[], rowOfLine: number[]): ErrorDetail[] {
  return details.map((detail) => {
    const match = /^budgetLines\[(\d+)\](.*)$/.exec(detail.field);
    if (!match) return detail;
    const row = rowOfLine[Number(match[1])];
    return row === undefined ? detail : { ...detail, field: `budgetLines[${row}]${match[2]}` };
  });
}
