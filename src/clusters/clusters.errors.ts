import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

export enum ClusterErrorCode {
  INN_TAKEN = 'CLUSTER_INN_TAKEN',
  ALREADY_REGISTERED = 'CLUSTER_ALREADY_REGISTERED',
  IN_USE = 'CLUSTER_IN_USE',
  IDENTITY_LOCKED = 'CLUSTER_IDENTITY_LOCKED',
}

export const innTaken = (inn: string) =>
  new DomainError(
    ClusterErrorCode.INN_TAKEN,
    `A cluster with specialised organisation INN ${inn} is already registered`,
    HttpStatus.CONFLICT,
    [{ field: 'organisationInn', rule: 'unique', message: `INN ${inn} already belongs to a registered cluster` }],
  );

export const alreadyRegistered = () =>
  new DomainError(
    ClusterErrorCode.ALREADY_REGISTERED,
    'Your account already acts for a cluster; edit that cluster instead of registering another',
    HttpStatus.CONFLICT,
  );

export const clusterInUse = () =>
  new DomainError(ClusterErrorCode.IN_USE, 'The cluster still has applicant accounts or bids; it cannot be deleted', HttpStatus.CONFLICT);

/** Fields that decide conflicts of interest and eligibility: after registration only ministry staff change them. */
export const identityLocked = (fields: string[]) =>
  new DomainError(
    ClusterErrorCode.IDENTITY_LOCKED,
    `Only ministry staff can change ${fields.join(', ')} after registration (they decide reviewers' conflicts of interest)`,
    HttpStatus.FORBIDDEN,
    fields.map((field) => ({ field, rule: 'ministryOnly', message: `${field} can be changed by ministry staff only` })),
  );
