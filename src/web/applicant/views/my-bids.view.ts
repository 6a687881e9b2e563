import type { ClusterBid } from '../../../submissions/submissions.repository';
import type { ProgrammeSummary } from '../../public/home.view';
import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import { CSRF_FIELD } from '../../session/csrf';
import { instant, scrollTable } from '../../views/components';
import { layout } from '../../views/layout';
import { bidTitle, submissionBadge } from './bid-parts';

export interface MyBidsData {
  /** The cluster's name in the page's language; null for an applicant without a cluster. */
  clusterName: string | null;
  bids: ClusterBid[];
  total: number;
  page: number;
  pageSize: number;
  /** Programmes open for bids now. */
  open: ProgrammeSummary[];
  now: Date;
}

/** The form that starts a bid (or opens the cluster's draft) in an open programme. */
export function startBidForm(context: PageContext, programmeId: string, label: string): SafeHtml {
  return html`<form method="post" action="/programmes/${programmeId}/bids" class="inline-form">
    <input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken ?? ''}" />
    <button type="submit">${label}</button>
  </form>`;
}

/**
 * On an open programme's page: the way in for applicants (start a bid, my bids) and a sign-in link for visitors.
 * Nothing for staff, nor once the call has closed.
 */
export function applyPanel(
  context: PageContext,
  programme: { id: string; status: string; closesAt: Date | null },
  now: Date,
): SafeHtml | null {
  const { actor, t } = context;
  const a = t.applicant;
  if (programme.status !== 'open' || (programme.closesAt && programme.closesAt <= now) || (actor && actor.role !== 'applicant'))
    return null;
  const next = encodeURIComponent(`/programmes/${programme.id}`);
  return html`<section class="apply-panel" aria-labelledby="apply-heading">
    <h2 id="apply-heading">${a.applyTitle}</h2>
    ${
      actor
        ? html`<p>${a.applyIntro}</p>
            <div class="button-row">
              ${startBidForm(context, programme.id, a.startBid)} <a class="button button-quiet" href="/bids">${a.navMyBids}</a>
            </div>`
        : html`<p><a href="/sign-in?next=${next}">${a.applySignInLink}</a> ${a.applySignIn}</p>`
    }
  </section>`;
}

export function myBidsPage(context: PageContext, data: MyBidsData): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const rows = data.bids.map(
    (bid) =>
      html`<tr role="row">
        <th scope="row" role="rowheader"><a href="/bids/${bid.id}">${bidTitle(t, bid.title)}</a></th>
        <td role="cell" data-label="${a.competition}">
          <a href="/programmes/${bid.programme.id}" class="code">${bid.programme.code}</a><br /><span class="muted"
            >${language === 'en' ? bid.programme.titleEn : bid.programme.titleRu}</span
          >
        </td>
        <td role="cell" data-label="${a.statusLabel}">${submissionBadge(t, bid.status)}</td>
        <td role="cell" class="code" data-label="${t.registrationNumber}">${bid.registrationNumber ?? t.none}</td>
        <td role="cell" data-label="${a.deadline}">${bid.deadline ? instant(context, bid.deadline) : t.notScheduled}</td>
      </tr>`,
  );
  const table = html`<table class="stack-on-phone my-bids" role="table">
    <caption class="visually-hidden">
      ${a.bidsCaption}
    </caption>
    <thead>
      <tr role="row">
        <th scope="col" role="columnheader">${a.bid}</th>
        <th scope="col" role="columnheader">${a.competition}</th>
        <th scope="col" role="columnheader">${a.statusLabel}</th>
        <th scope="col" role="columnheader">${t.registrationNumber}</th>
        <th scope="col" role="columnheader">${a.deadline}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
  const pages = Math.ceil(data.total / data.pageSize);
  const pager =
    pages > 1 &&
    html`<nav class="pager" aria-label="${a.myBidsTitle}">
      ${data.page > 1 && html`<a href="/bids?page=${data.page - 1}" rel="prev">${a.previousPage}</a>`}
      <span>${data.page} / ${pages}</span>
      ${data.page < pages && html`<a href="/bids?page=${data.page + 1}" rel="next">${a.nextPage}</a>`}
    </nav>`;
  const open = data.open.map((programme) => {
    // A programme the cluster already has a bid in leads to that bid (the newest); starting another is on its page.
    const existing = data.bids.find((bid) => bid.programme.id === programme.id);
    return html`<li class="programme-card">
      <div>
        <div class="card-meta"><span class="code">${programme.code}</span></div>
        <h3><a href="/programmes/${programme.id}">${language === 'en' ? programme.titleEn : programme.titleRu}</a></h3>
        ${programme.closesAt && html`<p>${a.deadline}: ${instant(context, programme.closesAt)}</p>`}
      </div>
      <div>
        ${
          existing
            ? html`<a class="button button-quiet" href="/bids/${existing.id}"
                >${a.openBid(existing.registrationNumber ?? bidTitle(t, existing.title))}</a
              >`
            : startBidForm(context, programme.id, a.startBid)
        }
      </div>
    </li>`;
  });
  const main = html`<h1>${a.myBidsTitle}</h1>
    ${data.clusterName === null ? html`<p class="notice">${a.noCluster}</p>` : html`<p class="lead">${a.myBidsIntro(data.clusterName)}</p>`}
    ${data.bids.length > 0 ? scrollTable(a.bidsCaption, table) : data.clusterName !== null && html`<p>${a.noBids}</p>`} ${pager}
    ${
      data.clusterName !== null &&
      html`<section class="section" aria-labelledby="open-calls">
        <h2 id="open-calls">${a.openCalls}</h2>
        ${
          open.length > 0
            ? html`<ul class="programme-list">
                ${open}
              </ul>`
            : html`<p>${a.openCallsNone}</p>`
        }
      </section>`
    }`;
  return layout(context, { title: a.myBidsTitle, main });
}

/** Starting a bid was refused (no cluster, the call not open, its deadline passed): why, and the ways on. */
export function startRefusedPage(context: PageContext, reason: string, programmeId: string): SafeHtml {
  const a = context.t.applicant;
  const main = html`<h1>${a.startRefusedTitle}</h1>
    <p class="notice notice-error" role="alert">${reason}</p>
    <ul class="plain-list">
      <li><a href="/programmes/${programmeId}">${context.t.applicant.competition}</a></li>
      <li><a href="/bids">${a.navMyBids}</a></li>
    </ul>`;
  return layout(context, { title: a.startRefusedTitle, main });
}
