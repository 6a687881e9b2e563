import { formatBytes } from '../../../common/pdf/format';
import type { SubmissionStatus } from '../../../submissions/submission.rules';
import type { SubmissionVersionEntity } from '../../../submissions/submission-parts.entity';
import { escapeHtml, html, raw, type SafeHtml } from '../../html';
import type { Dictionary } from '../../i18n/dictionary';
import type { PageContext } from '../../page-context';
import { instant } from '../../views/components';
import { formatRoubles } from '../../views/format';
import { formatShare } from '../amount-input';
import type { BidPageData } from '../bid-page.loader';
import type { ShownProblem } from '../bid-problems';

/**
 * A textarea holding `value`. HTML drops one newline right after `<textarea>`; writing one first keeps a text that
 * starts with a line break whole. (A plain string, so the formatter does not move that newline.)
 */
export function textarea(attributes: SafeHtml, value: string): SafeHtml {
  return raw(`<textarea ${attributes.value}>\n${escapeHtml(value)}</textarea>`);
}

export const bidTitle = (t: Dictionary, title: string) => title.trim() || t.applicant.untitled;

export function submissionBadge(t: Dictionary, status: SubmissionStatus): SafeHtml {
  return html`<span class="badge bid-badge bid-badge-${status}">${t.applicant.submissionStatus[status]}</span>`;
}

export const problemsAt = (problems: ShownProblem[], placement: string) => problems.filter((p) => p.placement === placement);

/** The messages shown above one input; its id is what the input's aria-describedby names. */
export function fieldError(id: string, problems: ShownProblem[], t: Dictionary): SafeHtml | null {
  if (problems.length === 0) return null;
  return html`<p class="field-error" id="${id}-error">
    ${problems.map((p, i) => html`${i > 0 && html`<br />`}<span class="visually-hidden">${t.applicant.errorPrefix} </span>${p.message}`)}
  </p>`;
}

/** `aria-invalid` and `aria-describedby` for an input with a hint and/or errors. */
export function describedBy(id: string, hasHint: boolean, invalid: boolean): SafeHtml {
  const ids = [hasHint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(' ');
  return html`${ids && html` aria-describedby="${ids}"`}${invalid && html` aria-invalid="true"`}`;
}

/** Every problem at the top of the page, each linking to its field (the error summary pattern); focused on load. */
export function errorSummary(t: Dictionary, problems: ShownProblem[]): SafeHtml | null {
  if (problems.length === 0) return null;
  return html`<div
    id="error-summary"
    class="error-summary bid-error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
    data-focus
  >
    <h2 id="error-summary-title">${t.applicant.errorSummaryTitle}</h2>
    <ul>
      ${problems.map((p) => html`<li>${p.anchor ? html`<a href="#${p.anchor}">${p.message}</a>` : p.message}</li>`)}
    </ul>
  </div>`;
}

export function notice(text: string, kind: 'info' | 'success' | 'error' = 'info'): SafeHtml {
  return html`<p class="notice${kind === 'info' ? '' : ` notice-${kind}`}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}

/** Badges, title and the key facts of a bid: competition, status, registration number, deadline in both zones. */
export function bidHeader(context: PageContext, data: BidPageData): SafeHtml {
  const { t, language } = context;
  const { submission, programme } = data.bid;
  const programmeTitle = language === 'en' ? programme.titleEn : programme.titleRu;
  return html`<div class="page-head">
      ${submissionBadge(t, submission.status)}${submission.registrationNumber && html`<span class="code">${submission.registrationNumber}</span>`}
    </div>
    <h1>${bidTitle(t, submission.title)}</h1>
    <dl class="facts">
      <dt>${t.applicant.competition}</dt>
      <dd><a href="/programmes/${programme.id}">${programme.code}</a> — ${programmeTitle}</dd>
      <dt>${t.registrationNumber}</dt>
      <dd>${submission.registrationNumber ?? t.applicant.notSubmittedYet}</dd>
      <dt>${t.applicant.deadline}</dt>
      <dd>${instant(context, data.bid.deadline)}</dd>
      ${
        submission.submittedAt &&
        html`<dt>${t.applicant.submittedAt}</dt>
          <dd>${instant(context, submission.submittedAt)}</dd>`
      }
    </dl>`;
}

/** My bids › the bid (› the page under it, when `current` names one). */
export function breadcrumbsOf(context: PageContext, data: BidPageData, current?: string) {
  const { submission } = data.bid;
  const bid = submission.registrationNumber ?? bidTitle(context.t, submission.title);
  return [
    { label: context.t.applicant.navMyBids, href: '/bids' },
    current ? { label: bid, href: `/bids/${submission.id}` } : { label: bid },
    ...(current ? [{ label: current }] : []),
  ];
}

export interface Totals {
  federal: bigint;
  regional: bigint;
  extraBudgetary: bigint;
  /** Amounts that could not be read (the editor only). */
  unreadable: number;
}

export type ShareState = 'meets' | 'below' | 'empty' | 'unreadable';

export function shareState(totals: Totals, minBasisPoints: number): ShareState {
  const cofinancing = totals.regional + totals.extraBudgetary;
  const total = totals.federal + cofinancing;
  if (totals.unreadable > 0) return 'unreadable';
  if (total === 0n) return 'empty';
  return cofinancing * 10000n < BigInt(minBasisPoints) * total ? 'below' : 'meets';
}

/**
 * Totals per source and the co-financing share against the programme's minimum. The same markup serves the editor,
 * where assets/budget-script.ts keeps the figures up to date as amounts are typed (the `data-` hooks).
 */
export function budgetTotals(context: PageContext, totals: Totals, minBasisPoints: number, minText: string): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const cofinancing = totals.regional + totals.extraBudgetary;
  const total = totals.federal + cofinancing;
  const state = shareState(totals, minBasisPoints);
  const stateText = { meets: a.shareMeets, below: a.shareBelow, empty: a.shareEmpty, unreadable: a.shareUnreadable }[state];
  const figure = (label: string, hook: string, kopecks: bigint) =>
    html`<li><span>${label}</span><strong data-total="${hook}">${formatRoubles(kopecks, language)}</strong></li>`;
  return html`<div class="budget-totals">
    <h3 id="totals-heading">${a.totalsTitle}</h3>
    <ul class="summary-figures" aria-labelledby="totals-heading">
      ${figure(a.source.federal, 'federal', totals.federal)} ${figure(a.source.regional, 'regional', totals.regional)}
      ${figure(a.source['extra-budgetary'], 'extra-budgetary', totals.extraBudgetary)} ${figure(a.total, 'all', total)}
      <li class="share-figure">
        <span>${a.cofinancingShare}</span
        ><strong data-share>${total === 0n ? a.noShare : formatShare((cofinancing * 10000n) / total, language)}</strong>
        <span class="share-minimum">${a.cofinancingMinimum(minText)}</span>
      </li>
    </ul>
    <p class="share-status" data-share-status data-state="${state}" role="status">${stateText}</p>
  </div>`;
}

/** Every submitted version with a link to its receipt. */
export function receiptsSection(context: PageContext, bidId: string, versions: SubmissionVersionEntity[]): SafeHtml {
  const { t } = context;
  return html`<section class="section" aria-labelledby="receipts">
    <h2 id="receipts">${t.applicant.receiptsTitle}</h2>
    ${
      versions.length === 0
        ? html`<p>${t.applicant.noReceipts}</p>`
        : html`<ul class="plain-list receipts-list">
            ${[...versions]
              .reverse()
              .map(
                (v) =>
                  html`<li>
                    <a href="/bids/${bidId}/receipts/${v.version}">${t.applicant.receiptOf(v.version)}</a> —
                    ${instant(context, v.submittedAt)}
                  </li>`,
              )}
          </ul>`
    }
  </section>`;
}

/** A stored attachment: name (a download link), size and sha256. */
export function attachmentFacts(
  context: PageContext,
  bidId: string,
  file: { id: string; fileName: string; sizeBytes: number; sha256: string; uploadedAt: Date },
): SafeHtml {
  const { t, language } = context;
  return html`<dl class="file-facts">
    <dt class="visually-hidden">${t.applicant.download}</dt>
    <dd class="file-name"><a href="/bids/${bidId}/attachments/${file.id}" download>${file.fileName}</a></dd>
    <dt>${t.applicant.fileSize}</dt>
    <dd>${formatBytes(file.sizeBytes, language)}</dd>
    <dt>${t.applicant.sha256}</dt>
    <dd class="code sha">${file.sha256}</dd>
    <dt>${t.applicant.uploadedAt}</dt>
    <dd>${instant(context, file.uploadedAt)}</dd>
  </dl>`;
}
