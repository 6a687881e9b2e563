import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';
import { formatBoth, formatIsoInZone, MOSCOW_TIME_ZONE } from '../common/pdf/format';

export enum SubmissionErrorCode {
  RULES_FAILED = 'SUBMISSION_RULES_FAILED',
  DEADLINE_PASSED = 'SUBMISSION_DEADLINE_PASSED',
  NO_CLUSTER = 'SUBMISSION_NO_CLUSTER',
  PROGRAMME_NOT_OPEN = 'SUBMISSION_PROGRAMME_NOT_OPEN',
  WRONG_STATUS = 'SUBMISSION_WRONG_STATUS',
  CHANGED_CONCURRENTLY = 'SUBMISSION_CHANGED_CONCURRENTLY',
  ATTACHMENT_NOT_PDF = 'SUBMISSION_ATTACHMENT_NOT_PDF',
  ATTACHMENT_TOO_LARGE = 'SUBMISSION_ATTACHMENT_TOO_LARGE',
  ATTACHMENT_KIND_UNKNOWN = 'SUBMISSION_ATTACHMENT_KIND_UNKNOWN',
  ELIGIBILITY_NOT_CLOSED = 'SUBMISSION_ELIGIBILITY_NOT_CLOSED',
  ELIGIBILITY_INCOMPLETE = 'SUBMISSION_ELIGIBILITY_INCOMPLETE',
}

export const rulesFailed = (details: ErrorDetail[]) =>
  new DomainError(
    SubmissionErrorCode.RULES_FAILED,
    `The bid cannot be submitted: ${details.length} rule(s) failed — ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

/** Frozen after the deadline; says when it passed in Moscow time and in the cluster's own zone. */
export const deadlinePassed = (deadline: Date, clusterTimeZone: string) =>
  new DomainError(
    SubmissionErrorCode.DEADLINE_PASSED,
    // formatBoth names the cluster's own time only when it differs from Moscow's (no "Moscow time (Moscow time)")
    `The deadline passed at ${formatBoth(deadline, clusterTimeZone, 'en')}; the bid can no longer change`,
    HttpStatus.CONFLICT,
    [
      { field: 'deadline', rule: 'moscowTime', message: formatIsoInZone(deadline, MOSCOW_TIME_ZONE) },
      { field: 'deadline', rule: 'clusterTime', message: formatIsoInZone(deadline, clusterTimeZone) },
    ],
  );

export const noCluster = () =>
  new DomainError(
    SubmissionErrorCode.NO_CLUSTER,
    'Register your cluster first (POST /clusters/register); bids are filed for a cluster',
    HttpStatus.CONFLICT,
  );

export const programmeNotOpen = (status: string) =>
  new DomainError(
    SubmissionErrorCode.PROGRAMME_NOT_OPEN,
    `The programme is ${status}; bids are drafted and submitted only while it is open`,
    HttpStatus.CONFLICT,
  );

export const wrongStatus = (status: string, action: string) =>
  new DomainError(SubmissionErrorCode.WRONG_STATUS, `A ${status} bid cannot be ${action}`, HttpStatus.CONFLICT, [
    { field: 'status', rule: 'allowedStatus', message: `the bid is ${status}` },
  ]);

/** Another submit of the same bid, or a rule amendment, committed between reading the bid and recording it. */
export const changedConcurrently = () =>
  new DomainError(
    SubmissionErrorCode.CHANGED_CONCURRENTLY,
    'The bid or the programme rules changed while this submit was being recorded (for example a second submit at the same moment); reload the bid and submit again',
    HttpStatus.CONFLICT,
  );
