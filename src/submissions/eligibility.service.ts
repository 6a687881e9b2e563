import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { TransactionRunner } from '../common/database/transaction';
import { DomainError, ErrorDetail, notFound, validationFailed } from '../common/errors/domain-error';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { EligibilityDecisionDto } from './dto/submission-input.dto';
import type { SubmissionStatus } from './submission.rules';
import { EligibilityResultEntity } from './submission-parts.entity';
import { SubmissionErrorCode, wrongStatus } from './submissions.errors';
import { SubmissionsRepository } from './submissions.repository';

const DECIDABLE: SubmissionStatus[] = ['submitted', 'eligible', 'ineligible'];

/** The ministry's eligibility check after the close: every checklist item pass/fail, reasons for failures. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  decide(actor: Actor, id: string, input: EligibilityDecisionDto) {
    return this.transactions.run(async (tx) => {
      const submission = await this.submissions.lockById(tx, id);
      if (!submission) throw notFound('Submission', id);
      const loaded = (await this.programmes.findWithRules(submission.programmeId, tx))!;
      if (loaded.programme.status !== 'closed') {
        throw new DomainError(
          SubmissionErrorCode.ELIGIBILITY_NOT_CLOSED,
          `Eligibility is checked after the call closes and before scoring; the programme is ${loaded.programme.status}`,
          HttpStatus.CONFLICT,
        );
      }
      if (!DECIDABLE.includes(submission.status)) throw wrongStatus(submission.status, 'checked for eligibility');
      const errors = checklistErrors(
        input,
        loaded.eligibilityItems.map((item) => item.code),
      );
      if (errors.length) throw validationFailed(errors);

      const before = { status: submission.status, results: await this.submissions.eligibilityResults(id, tx) };
      await this.submissions.replaceEligibilityResults(
        tx,
        id,
        input.results.map((r) => ({ itemCode: r.code, passed: r.passed, reason: r.reason?.trim() ?? '', checkedBy: actor.userId })),
      );
      const eligible = input.results.every((r) => r.passed);
      submission.status = eligible ? 'eligible' : 'ineligible';
      submission.eligibilityCheckedAt = await this.submissions.clock(tx);
      const saved = await this.submissions.save(tx, submission);
      await this.audit.record(tx, actor, {
        action: 'submission.eligibility_decided',
        entityType: 'submission',
        entityId: id,
        before: { status: before.status, results: before.results.map(view) },
        after: { status: saved.status, results: input.results },
      });
      return { submission: saved, results: await this.submissions.eligibilityResults(id, tx) };
    });
  }

  async results(actor: Actor, id: string) {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    return { submission, results: await this.submissions.eligibilityResults(id) };
  }
}

const view = (r: EligibilityResultEntity) => ({ code: r.itemCode, passed: r.passed, reason: r.reason });

/** Exactly the programme's checklist, each item once, and a reason for every failed item. */
export function checklistErrors(input: EligibilityDecisionDto, checklist: string[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.results.forEach((result, index) => {
    if (!checklist.includes(result.code))
      errors.push({ field: `results[${index}].code`, rule: 'knownItem', message: `"${result.code}" is not on the checklist` });
    if (seen.has(result.code)) errors.push({ field: `results[${index}].code`, rule: 'unique', message: `"${result.code}" appears twice` });
    seen.add(result.code);
    if (!result.passed && (result.reason ?? '').trim().length < 5) {
      errors.push({
        field: `results[${index}].reason`,
        rule: 'requiredWhenFailed',
        message: 'say why the item fails (at least 5 characters); the applicant reads it',
      });
    }
  });
  for (const code of checklist) {
    if (!seen.has(code)) errors.push({ field: 'results', rule: 'allItems', message: `checklist item "${code}" has no result` });
  }
  return errors;
}
