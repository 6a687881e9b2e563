export interface AssignmentBid {
  id: string;
  industries: string[];
}

export interface AssignmentMember {
  id: string;
  loadCap: number;
  expertise: string[];
}

export interface AssignmentPair {
  bidId: string;
  memberId: string;
}

export interface AssignmentProblem {
  bids: AssignmentBid[];
  members: AssignmentMember[];
  reviewersPerBid: number;
  /** Forbidden pairs. Pairs naming a bid or member outside the problem are ignored (a declaration may outlive a bid). */
  conflicts: AssignmentPair[];
  /** Pairs that must stay (e.g. the reviewer already scored); they count toward loads and the bid's reviewers. */
  keep?: AssignmentPair[];
  useExpertise: boolean;
  /** Only breaks ties between equal-cost solutions: same input + seed => same output. */
  seed: number;
}

export type InfeasibilityCode =
  | 'BID_TOO_FEW_REVIEWERS'
  | 'CAPACITY_TOO_SMALL'
  | 'BIDS_TOO_FEW_REVIEWERS'
  | 'KEPT_PAIR_CONFLICT'
  | 'KEPT_OVER_CAPACITY'
  | 'KEPT_TOO_MANY_REVIEWERS';

export interface Infeasibility {
  code: InfeasibilityCode;
  message: string;
  bidIds: string[];
  memberIds: string[];
  needed: number;
  available: number;
}

export type AssignmentResult =
  { feasible: true; pairs: AssignmentPair[]; cost: number; loads: Record<string, number> } | { feasible: false; reasons: Infeasibility[] };

export type ViolationCode =
  'CONFLICT' | 'OVER_CAPACITY' | 'WRONG_REVIEWER_COUNT' | 'DUPLICATE_PAIR' | 'UNKNOWN_BID' | 'UNKNOWN_MEMBER' | 'KEPT_PAIR_REMOVED';

export interface Violation {
  code: ViolationCode;
  message: string;
  bidId?: string;
  memberId?: string;
}
