import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum DecisionErrorCode {
  NOT_PUBLISHED = 'DECISIONS_NOT_PUBLISHED',
  ALREADY_ISSUED = 'DECISIONS_ALREADY_ISSUED',
}

export const notPublishedYet = () =>
  new DomainError(
    DecisionErrorCode.NOT_PUBLISHED,
    'Decisions are issued for a published allocation run; none is published',
    HttpStatus.CONFLICT,
  );

export const decisionsAlreadyIssued = (runNumber: number) =>
  new DomainError(
    DecisionErrorCode.ALREADY_ISSUED,
    `Decisions for run #${runNumber} are already issued (or being issued); retry missing documents through the issue, or publish a superseding run`,
    HttpStatus.CONFLICT,
  );
