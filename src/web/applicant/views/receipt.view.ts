import type { SubmissionVersionEntity } from '../../../submissions/submission-parts.entity';
import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import { CSRF_FIELD } from '../../session/csrf';
import { instant } from '../../views/components';
import { formatRoubles } from '../../views/format';
import { layout } from '../../views/layout';
import type { BidPageData } from '../bid-page.loader';
import { breadcrumbsOf } from './bid-parts';

/** The receipt of one submitted version: registration number, server time in both zones, checksum, PDFs. */
export function receiptPage(context: PageContext, data: BidPageData, version: SubmissionVersionEntity): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const id = data.bid.submission.id;
  const pdf = `/bids/${id}/receipts/${version.version}/pdf`;
  const main = html`<div class="receipt-banner" role="status">
      <h1>${a.receiptTitle}</h1>
      <p class="lead">${a.receiptLead}</p>
      <p class="registration-number">${version.registrationNumber}</p>
    </div>
    <dl class="facts">
      <dt>${a.version}</dt>
      <dd>${version.version}</dd>
      <dt>${a.receivedAt}</dt>
      <dd>${instant(context, version.submittedAt)}</dd>
      <dt>${a.contentSha256}</dt>
      <dd class="code sha">${version.contentSha256}</dd>
      <dt>${a.source.federal}</dt>
      <dd>${formatRoubles(version.federalKopecks, language)}</dd>
      <dt>${a.source.regional}</dt>
      <dd>${formatRoubles(version.regionalKopecks, language)}</dd>
      <dt>${a.source['extra-budgetary']}</dt>
      <dd>${formatRoubles(version.extraBudgetaryKopecks, language)}</dd>
    </dl>
    <ul class="downloads">
      <li><a href="${pdf}/ru" download hreflang="ru">${a.receiptPdfRu}</a></li>
      <li><a href="${pdf}/en" download hreflang="en">${a.receiptPdfEn}</a></li>
    </ul>
    ${data.editable && html`<p class="notice">${a.receiptNote} ${instant(context, data.bid.deadline)}</p>`}
    <p><a href="/bids/${id}">${a.backToBid}</a></p>`;
  return layout(context, {
    title: `${a.receiptTitle}: ${version.registrationNumber}`,
    main,
    breadcrumbs: breadcrumbsOf(context, data, a.receiptOf(version.version)),
  });
}

/** The confirmation step before a withdrawal; the error, if the last try was refused, in the page's language. */
export function withdrawPage(context: PageContext, data: BidPageData, refusal: string | null): SafeHtml {
  const a = context.t.applicant;
  const { submission } = data.bid;
  const main = html`<h1>${a.withdrawTitle}</h1>
    ${refusal && html`<p class="notice notice-error" role="alert">${refusal}</p>`}
    <p>${a.withdrawText(submission.registrationNumber ?? '')}</p>
    <p>${a.withdrawUntil} ${instant(context, data.bid.deadline)}</p>
    <form method="post" action="/bids/${submission.id}/withdraw" class="button-row">
      <input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken ?? ''}" />
      <button type="submit" class="button-danger">${a.withdrawConfirm}</button>
      <a class="button button-quiet" href="/bids/${submission.id}">${a.cancel}</a>
    </form>`;
  return layout(context, { title: a.withdrawTitle, main, breadcrumbs: breadcrumbsOf(context, data, a.withdraw) });
}
