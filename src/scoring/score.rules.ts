import type { ErrorDetail } from '../common/errors/domain-error';
import { type CriterionRule, toHundredths } from '../programmes/programme.rules';

export interface ScoreEntry {
  criterionCode: string;
  score: number;
  justification: string;
}

/** Longest justification kept; beyond it a text is a pasted document, not a reviewer's reasoning. */
export const MAX_JUSTIFICATION_LENGTH = 10_000;

const detail = (field: string, rule: string, message: string): ErrorDetail => ({ field, rule, message });
/** Characters as people count them (code points), ignoring surrounding blanks. */
const textLength = (text: string) => [...text.trim()].length;

/** A score (on its scale, so whole hundredths) as the text of a numeric(7,2), computed in integers. */
export function scoreToNumeric(score: number): string {
  const hundredths = toHundredths(score);
  const whole = Math.trunc(Math.abs(hundredths) / 100);
  const cents = String(Math.abs(hundredths) % 100).padStart(2, '0');
  return `${hundredths < 0 ? '-' : ''}${whole}.${cents}`;
}

/** A score on the criterion's scale and step, e.g. 0–5 in halves. */
export function scoreOnScale(criterion: CriterionRule, score: number): boolean {
  const [min, max, step, value] = [criterion.scaleMin, criterion.scaleMax, criterion.scaleStep, score].map(toHundredths);
  return Math.abs(score * 100 - value) < 1e-6 && value >= min && value <= max && (value - min) % step === 0;
}

/** What is wrong with entries as saved (drafts may be incomplete, but never off the scale). */
export function entryErrors(criteria: CriterionRule[], entries: ScoreEntry[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const field = `scores[${index}]`;
    const criterion = criteria.find((c) => c.code === entry.criterionCode);
    if (!criterion) {
      errors.push(
        detail(
          `${field}.criterionCode`,
          'knownCriterion',
          `"${entry.criterionCode}" is not a criterion of this programme (${criteria.map((c) => c.code).join(', ')})`,
        ),
      );
      return;
    }
    if (seen.has(entry.criterionCode))
      errors.push(detail(`${field}.criterionCode`, 'unique', `criterion ${entry.criterionCode} appears twice`));
    seen.add(entry.criterionCode);
    if (!scoreOnScale(criterion, entry.score)) {
      errors.push(
        detail(
          `${field}.score`,
          'onScale',
          `score ${entry.score} for ${criterion.code} must lie on ${criterion.scaleMin}–${criterion.scaleMax} in steps of ${criterion.scaleStep}`,
        ),
      );
    }
    if (textLength(entry.justification) > MAX_JUSTIFICATION_LENGTH) {
      errors.push(detail(`${field}.justification`, 'maxLength', `the justification is longer than ${MAX_JUSTIFICATION_LENGTH} characters`));
    }
  });
  return errors;
}

/** What keeps a review from being submitted: every criterion scored and justified at the programme's length. */
export function completenessErrors(criteria: CriterionRule[], entries: ScoreEntry[], minJustificationLength: number): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  for (const criterion of criteria) {
    const entry = entries.find((e) => e.criterionCode === criterion.code);
    if (!entry) {
      errors.push(detail(`scores.${criterion.code}`, 'required', `score criterion ${criterion.code} (${criterion.titleEn})`));
      continue;
    }
    const length = textLength(entry.justification);
    if (length < minJustificationLength) {
      errors.push(
        detail(
          `scores.${criterion.code}.justification`,
          'minLength',
          `the justification for ${criterion.code} has ${length} characters; at least ${minJustificationLength} are required`,
        ),
      );
    }
  }
  return errors;
}
