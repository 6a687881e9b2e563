import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';

export enum AllocationErrorCode {
  NOT_READY_TO_RANK = 'ALLOCATION_NOT_READY_TO_RANK',
  NOT_RANKED = 'ALLOCATION_NOT_RANKED',
  INPUT_INVALID = 'ALLOCATION_INPUT_INVALID',
  RUN_NOT_WHAT_IF = 'ALLOCATION_RUN_NOT_WHAT_IF',
  ALREADY_PUBLISHED = 'ALLOCATION_ALREADY_PUBLISHED',
  NOT_PUBLISHED = 'ALLOCATION_NOT_PUBLISHED',
}

export const notReadyToRank = (reason: string) =>
  new DomainError(AllocationErrorCode.NOT_READY_TO_RANK, `The programme cannot be ranked yet: ${reason}`, HttpStatus.CONFLICT);

export const notRanked = (status: string) =>
  new DomainError(
    AllocationErrorCode.NOT_RANKED,
    `Allocation runs start from the stored ranking; the programme is ${status} and has not been ranked`,
    HttpStatus.CONFLICT,
  );

export const allocationInputInvalid = (details: ErrorDetail[]) =>
  new DomainError(
    AllocationErrorCode.INPUT_INVALID,
    `The run's inputs do not fit the programme: ${details.map((d) => d.message).join('; ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    details,
  );

export const runNotWhatIf = (number: number, status: string) =>
  new DomainError(
    AllocationErrorCode.RUN_NOT_WHAT_IF,
    `Run #${number} is already ${status}; only a what-if run can be published`,
    HttpStatus.CONFLICT,
  );

export const alreadyPublished = (number: number) =>
  new DomainError(
    AllocationErrorCode.ALREADY_PUBLISHED,
    `Run #${number} is already published; a correction is published with "supersede": true and a reason`,
    HttpStatus.CONFLICT,
    [{ field: 'supersede', rule: 'required', message: `run #${number} is published; set supersede to replace it` }],
  );

export const notPublished = () =>
  new DomainError(AllocationErrorCode.NOT_PUBLISHED, 'There is no published run to supersede', HttpStatus.CONFLICT, [
    { field: 'supersede', rule: 'nothingToSupersede', message: 'nothing is published yet; publish without supersede' },
  ]);
