import type { ErrorDetail } from '../common/errors/domain-error';
import type { ProgrammeRules, ProgrammeStatus } from './programme.rules';

/**
 * What a rule version may not do to the call window: move the code, reopen a closed call (or an open one whose
 * deadline has passed: bids may already have been refused as late), move a start that has passed, or set a
 * deadline that has already passed (by the database clock).
 */
export function windowChangeErrors(before: ProgrammeRules, after: ProgrammeRules, status: ProgrammeStatus, now: Date): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (after.code !== before.code)
    errors.push({ field: 'changes.code', rule: 'immutable', message: 'the code of an opened programme cannot change' });
  const opensMoved = after.opensAt !== before.opensAt;
  const closesMoved = after.closesAt !== before.closesAt;
  if (status === 'closed' && (opensMoved || closesMoved)) {
    errors.push({
      field: 'changes.closesAt',
      rule: 'callClosed',
      message: 'the call has closed; its window can no longer move (grant a cluster an extension instead)',
    });
    return errors;
  }
  if (closesMoved && before.closesAt && Date.parse(before.closesAt) <= now.getTime()) {
    errors.push({
      field: 'changes.closesAt',
      rule: 'deadlinePassed',
      message: `the deadline ${before.closesAt} has passed; close the call (grant a cluster an extension instead of moving it)`,
    });
    return errors;
  }
  if (opensMoved && before.opensAt && Date.parse(before.opensAt) <= now.getTime()) {
    errors.push({ field: 'changes.opensAt', rule: 'alreadyOpened', message: `the call already opened at ${before.opensAt}` });
  }
  if (closesMoved && after.closesAt && Date.parse(after.closesAt) <= now.getTime()) {
    errors.push({ field: 'changes.closesAt', rule: 'inFuture', message: `the new deadline ${after.closesAt} has already passed` });
  }
  return errors;
}
