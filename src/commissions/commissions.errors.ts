import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';

export enum CommissionErrorCode {
  CLOSED = 'COMMISSION_CLOSED',
  NOT_A_COMMISSIONER = 'COMMISSION_NOT_A_COMMISSIONER',
  ALREADY_MEMBER = 'COMMISSION_ALREADY_MEMBER',
  CHAIR_TAKEN = 'COMMISSION_CHAIR_TAKEN',
  MEMBER_HAS_REVIEWS = 'COMMISSION_MEMBER_HAS_REVIEWS',
  PROGRAMME_NOT_CLOSED = 'COMMISSION_PROGRAMME_NOT_CLOSED',
  NO_BIDS = 'COMMISSION_NO_BIDS',
  ASSIGNMENT_INFEASIBLE = 'COMMISSION_ASSIGNMENT_INFEASIBLE',
  SWAP_INVALID = 'COMMISSION_SWAP_INVALID',
  REVIEW_STARTED = 'COMMISSION_REVIEW_STARTED',
  CONFLICT_EXISTS = 'COMMISSION_CONFLICT_EXISTS',
  NOT_READY_TO_CLOSE = 'COMMISSION_NOT_READY_TO_CLOSE',
}

export const commissionClosed = () =>
  new DomainError(
    CommissionErrorCode.CLOSED,
    'The commission is closed: its members, assignments and scores are locked',
    HttpStatus.CONFLICT,
  );

export const notACommissioner = (userId: string) =>
  new DomainError(
    CommissionErrorCode.NOT_A_COMMISSIONER,
    `User ${userId} is not an active commissioner account`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    [{ field: 'userId', rule: 'commissioner', message: 'members are users with the commissioner role' }],
  );

export const alreadyMember = () =>
  new DomainError(CommissionErrorCode.ALREADY_MEMBER, 'This user is already a member of the commission', HttpStatus.CONFLICT, [
    { field: 'userId', rule: 'unique', message: 'already a member' },
  ]);

export const chairTaken = () =>
  new DomainError(
    CommissionErrorCode.CHAIR_TAKEN,
    'The commission already has a chair; make the current chair a member first',
    HttpStatus.CONFLICT,
    [{ field: 'role', rule: 'oneChair', message: 'a commission has one chair' }],
  );

export const memberHasReviews = () =>
  new DomainError(
    CommissionErrorCode.MEMBER_HAS_REVIEWS,
    'The member has reviews assigned; swap them to other members before removing the member',
    HttpStatus.CONFLICT,
  );

export const programmeNotClosed = (status: string) =>
  new DomainError(
    CommissionErrorCode.PROGRAMME_NOT_CLOSED,
    `The programme is ${status}; reviewers are assigned after the call closes (closed or scoring)`,
    HttpStatus.CONFLICT,
  );

export const noBids = () =>
  new DomainError(
    CommissionErrorCode.NO_BIDS,
    'No eligible bids to assign: run the eligibility check on the submitted bids first',
    HttpStatus.CONFLICT,
  );

export const assignmentInfeasible = (details: ErrorDetail[]) =>
  new DomainError(
    CommissionErrorCode.ASSIGNMENT_INFEASIBLE,
    `No valid assignment exists: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const swapInvalid = (details: ErrorDetail[]) =>
  new DomainError(
    CommissionErrorCode.SWAP_INVALID,
    `The swap breaks the assignment rules: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const reviewStarted = (status: string) =>
  new DomainError(
    CommissionErrorCode.REVIEW_STARTED,
    `The review is ${status}: only reviews not yet started can be moved to another member`,
    HttpStatus.CONFLICT,
  );

export const conflictExists = () =>
  new DomainError(CommissionErrorCode.CONFLICT_EXISTS, 'A conflict of this member with this bid is already recorded', HttpStatus.CONFLICT);

export const notReadyToClose = (details: ErrorDetail[]) =>
  new DomainError(
    CommissionErrorCode.NOT_READY_TO_CLOSE,
    `The commission cannot close yet: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.CONFLICT,
    details,
  );
