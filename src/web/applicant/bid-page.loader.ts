import { Injectable } from '@nestjs/common';
import { AllocationsService } from '../../allocations/allocations.service';
import type { AppealRow } from '../../appeals/appeals.repository';
import { AppealsService } from '../../appeals/appeals.service';
import type { Actor } from '../../common/access/access.decorators';
import { CommonErrorCode, DomainError, notFound } from '../../common/errors/domain-error';
import { DecisionsService } from '../../decisions/decisions.service';
import type { SubmissionVersionEntity } from '../../submissions/submission-parts.entity';
import { type BidContext, EDITABLE_STATUSES, SubmissionsService } from '../../submissions/submissions.service';
import type { PublicOutcome } from '../i18n/dictionary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WITH_RESULTS = ['published', 'archived'];

/** A page's id parameter: anything but a UUID is a page that does not exist. */
export function pageId(value: string, entity: string): string {
  if (!UUID.test(value)) throw notFound(entity, value.slice(0, 40));
  return value.toLowerCase();
}

/** The bid's line in the published run, as its cluster may read it. */
export interface BidResult {
  outcome: PublicOutcome;
  rank: number | null;
  fundedFederalKopecks: bigint;
  fundedCofinancingKopecks: bigint;
  reason: { ru: string; en: string } | null;
}

export interface BidOutcome {
  runNumber: number;
  publishedAt: Date;
  /** Null when the bid took no part in the published run (withdrawn, ineligible, never submitted). */
  result: BidResult | null;
  letters: ('ru' | 'en')[];
  appeal: AppealRow | null;
  appealWindow: { closesAt: Date; open: boolean } | null;
}

export interface BidPageData {
  bid: BidContext & { hasUnsubmittedChanges: boolean };
  versions: SubmissionVersionEntity[];
  /** Whether the editor is shown: an open call, an editable status and the deadline ahead (the service judges each change). */
  editable: boolean;
  now: Date;
  /** After publication; null before. */
  outcome: BidOutcome | null;
}

const isNotFound = (error: unknown) => error instanceof DomainError && error.code === CommonErrorCode.NOT_FOUND;
const orNull = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });

/** Everything a bid's page shows, read through the same services as the API (404 for another cluster's bid). */
@Injectable()
export class BidPageLoader {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly allocations: AllocationsService,
    private readonly decisions: DecisionsService,
    private readonly appeals: AppealsService,
  ) {}

  async load(actor: Actor, id: string): Promise<BidPageData> {
    const bid = await this.submissions.get(actor, id);
    const { versions } = await this.submissions.versions(actor, id);
    const now = new Date();
    const editable = bid.programme.status === 'open' && EDITABLE_STATUSES.includes(bid.submission.status) && now < bid.deadline;
    const outcome = WITH_RESULTS.includes(bid.programme.status) ? await this.outcome(actor, bid) : null;
    return { bid, versions, editable, now, outcome };
  }

  private async outcome(actor: Actor, bid: BidContext): Promise<BidOutcome | null> {
    const published = await orNull(this.allocations.results(bid.programme.id));
    if (!published) return null;
    const { run, bids } = published;
    const row = bids.find((b) => b.submissionId === bid.submission.id);
    const statusAward = run.policy === 'select-top-n';
    const result: BidResult | null = row
      ? {
          outcome: row.outcome === 'excluded' ? 'not_funded' : statusAward && row.outcome === 'funded' ? 'selected' : row.outcome,
          rank: row.rank,
          fundedFederalKopecks: row.fundedFederalKopecks,
          fundedCofinancingKopecks: row.fundedCofinancingKopecks,
          reason: row.outcome === 'excluded' || row.outcome === 'not_funded' ? { ru: row.reason.ru, en: row.reason.en } : null,
        }
      : null;
    return {
      runNumber: run.number,
      publishedAt: run.publishedAt!,
      result,
      letters: await this.decisions.letterLanguages(actor, bid.submission.id),
      appeal: await orNull(this.appeals.ofSubmission(actor, bid.submission.id)),
      appealWindow: await this.appeals.window(actor, bid.submission.id),
    };
  }
}
