import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import { instant, paragraphs } from '../../views/components';
import { layout } from '../../views/layout';
import type { BidPageData } from '../bid-page.loader';
import { attachmentsRecord } from './attachments.view';
import type { BidNotice } from './bid-editor.view';
import { bidHeader, bidTitle, breadcrumbsOf, notice, receiptsSection } from './bid-parts';
import { budgetRecord } from './budget-editor.view';
import { type AppealFormState, outcomeSection } from './outcome.view';

export interface RecordState {
  notice: BidNotice | null;
  refusal: string | null;
  appeal: AppealFormState;
}

/** Why the bid can no longer change, with the deadline in Moscow time and the cluster's zone. */
function frozenNotice(context: PageContext, data: BidPageData): SafeHtml {
  const a = context.t.applicant;
  const { programme } = data.bid;
  const text =
    programme.status === 'open' && data.now >= data.bid.deadline
      ? a.readOnlyDeadline
      : programme.status !== 'open'
        ? a.readOnlyClosed
        : a.readOnlyStatus;
  return html`<div class="notice notice-frozen" role="status">
    <p><strong>${text}</strong></p>
    <p>${a.deadline}: ${instant(context, data.bid.deadline)}</p>
  </div>`;
}

/** A bid that can no longer change: what was filed, and after publication its outcome, decision and appeal. */
export function bidRecordPage(context: PageContext, data: BidPageData, state: RecordState): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const { submission, rules } = data.bid;
  const sections = rules.sections.map(
    (section) =>
      html`<h3>${language === 'en' ? section.titleEn : section.titleRu}</h3>
        ${submission.sections[section.code]?.trim() ? paragraphs(submission.sections[section.code]) : html`<p class="muted">${a.empty}</p>`}`,
  );
  const main = html`${bidHeader(context, data)} ${frozenNotice(context, data)} ${state.refusal && notice(state.refusal, 'error')}
    ${state.notice && notice(a[state.notice], 'success')} ${data.outcome && outcomeSection(context, data, data.outcome, state.appeal)}
    ${submission.currentVersion === 0 && notice(a.neverSubmitted)}
    ${data.bid.hasUnsubmittedChanges && notice(a.workingCopyDiffers(submission.currentVersion))}
    <section class="section" aria-labelledby="about-heading">
      <h2 id="about-heading">${a.aboutBid}</h2>
      <h3>${a.summaryLabel}</h3>
      ${submission.summary.trim() ? paragraphs(submission.summary) : html`<p class="muted">${a.empty}</p>`} ${sections}
    </section>
    <section class="section" aria-labelledby="contact-heading">
      <h2 id="contact-heading">${a.contactTitle}</h2>
      <dl class="facts">
        <dt>${a.contactName}</dt>
        <dd>${submission.contactName || a.empty}</dd>
        <dt>${a.contactEmail}</dt>
        <dd>${submission.contactEmail || a.empty}</dd>
        <dt>${a.contactPhone}</dt>
        <dd>${submission.contactPhone || a.empty}</dd>
      </dl>
    </section>
    ${budgetRecord(context, rules, data.bid.lines)} ${attachmentsRecord(context, submission.id, rules, data.bid.attachments)}
    ${receiptsSection(context, submission.id, data.versions)}`;
  return layout(context, { title: bidTitle(t, submission.title), main, breadcrumbs: breadcrumbsOf(context, data) });
}
