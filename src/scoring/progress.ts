import type { CommissionBoard } from '../commissions/commission-board';

export interface ReviewerProgress {
  memberId: string;
  fullName: string;
  role: string;
  loadCap: number;
  assigned: number;
  notStarted: number;
  drafted: number;
  submitted: number;
  recused: number;
  overdue: number;
}

export interface BidProgress {
  submissionId: string;
  registrationNumber: string;
  clusterName: string;
  needed: number;
  reviewers: number;
  submitted: number;
  /** Reviewers still missing (e.g. after a recusal no one could take over). */
  short: number;
  overdue: number;
}

/** Counts per reviewer and per bid; a review not submitted after the commission's due time is overdue. */
export function reviewProgress(board: CommissionBoard, now: Date): { reviewers: ReviewerProgress[]; bids: BidProgress[] } {
  const due = board.commission.reviewDueAt;
  const isOverdue = (status: string) => due !== null && now > due && (status === 'assigned' || status === 'drafted');
  const reviewers = board.members.map((member) => {
    const own = board.assignments.filter((a) => a.memberId === member.id);
    const count = (status: string) => own.filter((a) => a.status === status).length;
    return {
      memberId: member.id,
      fullName: member.fullName,
      role: member.role,
      loadCap: member.loadCap,
      assigned: own.length - count('recused'),
      notStarted: count('assigned'),
      drafted: count('drafted'),
      submitted: count('submitted'),
      recused: count('recused'),
      overdue: own.filter((a) => isOverdue(a.status)).length,
    };
  });
  const needed = board.rules.reviewersPerBid;
  const bids = board.bids.map((bid) => {
    const reviews = board.assignments.filter((a) => a.submissionId === bid.id && a.status !== 'recused');
    return {
      submissionId: bid.id,
      registrationNumber: bid.registrationNumber,
      clusterName: bid.clusterName,
      needed,
      reviewers: reviews.length,
      submitted: reviews.filter((a) => a.status === 'submitted').length,
      short: Math.max(0, needed - reviews.length),
      overdue: reviews.filter((a) => isOverdue(a.status)).length,
    };
  });
  return { reviewers, bids };
}
