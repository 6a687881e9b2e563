import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';

export enum ScoringErrorCode {
  SCORES_INVALID = 'SCORING_SCORES_INVALID',
  REVIEW_INCOMPLETE = 'SCORING_REVIEW_INCOMPLETE',
  REVIEW_SUBMITTED = 'SCORING_REVIEW_SUBMITTED',
  REVIEW_NOT_SUBMITTED = 'SCORING_REVIEW_NOT_SUBMITTED',
  NO_DISAGREEMENT = 'SCORING_NO_DISAGREEMENT',
}

export const scoresInvalid = (details: ErrorDetail[]) =>
  new DomainError(
    ScoringErrorCode.SCORES_INVALID,
    `The scores break the programme's scale: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const reviewIncomplete = (details: ErrorDetail[]) =>
  new DomainError(
    ScoringErrorCode.REVIEW_INCOMPLETE,
    `The review cannot be submitted yet: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const reviewSubmitted = () =>
  new DomainError(ScoringErrorCode.REVIEW_SUBMITTED, 'The review is submitted; its scores can no longer change', HttpStatus.CONFLICT);

export const reviewNotSubmitted = () =>
  new DomainError(
    ScoringErrorCode.REVIEW_NOT_SUBMITTED,
    "Submit your own review first: the other reviewers' scores are shown only after that",
    HttpStatus.CONFLICT,
  );

export const noDisagreement = (details: ErrorDetail[]) =>
  new DomainError(
    ScoringErrorCode.NO_DISAGREEMENT,
    `A consensus score is recorded only where the reviewers disagree: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );
