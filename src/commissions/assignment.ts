/** Reviewer assignment for a scoring commission; the implementation lives in ./assignment/. */
export type {
  AssignmentBid,
  AssignmentMember,
  AssignmentPair,
  AssignmentProblem,
  AssignmentResult,
  Infeasibility,
  InfeasibilityCode,
  Violation,
  ViolationCode,
} from './assignment/types';
export { assignReviewers } from './assignment/assignment';
export { assignmentViolations } from './assignment/violations';
export { assignmentCost, balanceWeight, MISMATCH_COST } from './assignment/cost-model';
