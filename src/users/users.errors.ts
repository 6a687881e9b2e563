import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum UserErrorCode {
  EMAIL_TAKEN = 'USER_EMAIL_TAKEN',
  CLUSTER_ONLY_FOR_APPLICANTS = 'USER_CLUSTER_ONLY_FOR_APPLICANTS',
  CANNOT_DEACTIVATE_SELF = 'USER_CANNOT_DEACTIVATE_SELF',
}

export const emailTaken = (email: string) =>
  new DomainError(UserErrorCode.EMAIL_TAKEN, `An account with e-mail ${email} already exists`, HttpStatus.CONFLICT, [
    { field: 'email', rule: 'unique', message: `${email} is already registered` },
  ]);

export const clusterOnlyForApplicants = () =>
  new DomainError(UserErrorCode.CLUSTER_ONLY_FOR_APPLICANTS, 'Only applicant accounts belong to a cluster', HttpStatus.BAD_REQUEST, [
    { field: 'clusterId', rule: 'onlyForApplicants', message: 'clusterId may be set only when role is applicant' },
  ]);

export const cannotDeactivateSelf = () =>
  new DomainError(UserErrorCode.CANNOT_DEACTIVATE_SELF, 'You cannot deactivate your own account', HttpStatus.CONFLICT, [
    { field: 'isActive', rule: 'notSelf', message: 'Ask another ministry account to deactivate yours' },
  ]);
