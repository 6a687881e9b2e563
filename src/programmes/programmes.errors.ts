import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';

export enum ProgrammeErrorCode {
  CODE_TAKEN = 'PROGRAMME_CODE_TAKEN',
  RULES_INVALID = 'PROGRAMME_RULES_INVALID',
  RULES_FROZEN = 'PROGRAMME_RULES_FROZEN',
  NOT_READY_TO_OPEN = 'PROGRAMME_NOT_READY_TO_OPEN',
  TRANSITION_NOT_ALLOWED = 'PROGRAMME_TRANSITION_NOT_ALLOWED',
  CALL_STILL_OPEN = 'PROGRAMME_CALL_STILL_OPEN',
  VERSIONING_CLOSED = 'PROGRAMME_VERSIONING_CLOSED',
  RULES_UNCHANGED = 'PROGRAMME_RULES_UNCHANGED',
}

export const codeTaken = (code: string) =>
  new DomainError(ProgrammeErrorCode.CODE_TAKEN, `A programme with code ${code} already exists`, HttpStatus.CONFLICT, [
    { field: 'code', rule: 'unique', message: `code ${code} is taken` },
  ]);

export const rulesInvalid = (details: ErrorDetail[]) =>
  new DomainError(
    ProgrammeErrorCode.RULES_INVALID,
    `The programme's rules contradict each other: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.BAD_REQUEST,
    details,
  );

export const rulesFrozen = (status: string) =>
  new DomainError(
    ProgrammeErrorCode.RULES_FROZEN,
    `The rules froze when the programme opened (status ${status}); change them with POST /programmes/{id}/rule-versions and a reason`,
    HttpStatus.CONFLICT,
  );

export const notReadyToOpen = (details: ErrorDetail[]) =>
  new DomainError(
    ProgrammeErrorCode.NOT_READY_TO_OPEN,
    `The programme cannot open yet: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const transitionNotAllowed = (from: string, to: string, allowed: string[]) =>
  new DomainError(
    ProgrammeErrorCode.TRANSITION_NOT_ALLOWED,
    `A ${from} programme cannot become ${to}` + (allowed.length ? `; from ${from} it may become: ${allowed.join(', ')}` : ''),
    HttpStatus.CONFLICT,
    [{ field: 'status', rule: 'allowedTransition', message: `${from} → ${to} is not allowed` }],
  );

export const callStillOpen = (closesAt: string) =>
  new DomainError(
    ProgrammeErrorCode.CALL_STILL_OPEN,
    `Bids may still arrive until ${closesAt} (the deadline or a cluster's extension); the call can be closed only after that`,
    HttpStatus.CONFLICT,
    [{ field: 'status', rule: 'afterDeadline', message: `closes at ${closesAt}` }],
  );

export const versioningClosed = (status: string) =>
  new DomainError(
    ProgrammeErrorCode.VERSIONING_CLOSED,
    `Rules of a programme in status ${status} can no longer change; a correction after publication is a new allocation run`,
    HttpStatus.CONFLICT,
  );

export const rulesUnchanged = () =>
  new DomainError(
    ProgrammeErrorCode.RULES_UNCHANGED,
    'The changes leave every rule as it was; a new rule version must change at least one rule',
    HttpStatus.BAD_REQUEST,
    [{ field: 'changes', rule: 'changesSomething', message: 'no rule differs from the current version' }],
  );
