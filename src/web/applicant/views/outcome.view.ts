import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import { CSRF_FIELD } from '../../session/csrf';
import { instant, paragraphs } from '../../views/components';
import { formatRoubles } from '../../views/format';
import type { BidOutcome, BidPageData } from '../bid-page.loader';
import { textarea } from './bid-parts';

/** The appeal form as last posted: its text and the problem with it, if any (in the page's language). */
export interface AppealFormState {
  grounds: string;
  problem: string | null;
}

/** After publication: the outcome and amounts, the decision letter in both languages, and the appeal. */
export function outcomeSection(context: PageContext, data: BidPageData, outcome: BidOutcome, appealForm: AppealFormState): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const { result } = outcome;
  const id = data.bid.submission.id;
  return html`<section class="section outcome-section" id="outcome" aria-labelledby="outcome-heading">
    <h2 id="outcome-heading">${a.outcomeTitle}</h2>
    ${
      result
        ? html`<dl class="facts">
            <dt>${t.outcomeLabel}</dt>
            <dd>
              <span class="outcome outcome-${result.outcome}">${t.outcome[result.outcome]}</span>
              ${result.reason && html`<br /><span class="muted">${language === 'en' ? result.reason.en : result.reason.ru}</span>`}
            </dd>
            <dt>${t.rank}</dt>
            <dd>${result.rank ?? t.notRanked}</dd>
            <dt>${t.fundedAmount}</dt>
            <dd class="amount-strong">${formatRoubles(result.fundedFederalKopecks, language)}</dd>
            <dt>${a.fundedCofinancing}</dt>
            <dd>${formatRoubles(result.fundedCofinancingKopecks, language)}</dd>
          </dl>`
        : html`<p>${a.outcomeNotInRun}</p>`
    }
    <p>${t.resultsRun(outcome.runNumber)}. ${t.resultsPublishedAt}: ${instant(context, outcome.publishedAt)}</p>
    <p><a href="/programmes/${data.bid.programme.id}#results">${t.jumpToResults}</a></p>
    <h3>${a.decisionTitle}</h3>
    ${
      outcome.letters.length > 0
        ? html`<ul class="downloads">
            ${outcome.letters.map(
              (lang) => html`<li><a href="/bids/${id}/decision/${lang}" download>${lang === 'ru' ? a.decisionRu : a.decisionEn}</a></li>`,
            )}
          </ul>`
        : html`<p class="muted">${a.decisionPending}</p>`
    }
    ${appealPart(context, data, outcome, appealForm)}
  </section>`;
}

function appealPart(context: PageContext, data: BidPageData, outcome: BidOutcome, form: AppealFormState): SafeHtml {
  const { t } = context;
  const a = t.applicant;
  const { appeal, appealWindow } = outcome;
  const id = data.bid.submission.id;
  if (appeal) {
    return html`<h3 id="appeal">${a.appealTitle}</h3>
      <dl class="facts">
        <dt>${a.appealFiledAt}</dt>
        <dd>${instant(context, appeal.filedAt)}</dd>
        <dt>${a.appealStatusLabel}</dt>
        <dd><strong>${a.appealStatus[appeal.status] ?? appeal.status}</strong></dd>
        <dt>${a.appealGrounds}</dt>
        <dd class="prose">${paragraphs(appeal.grounds)}</dd>
        ${
          appeal.resolution &&
          html`<dt>${a.appealResolution}</dt>
            <dd class="prose">${paragraphs(appeal.resolution)}</dd>`
        }
        ${
          appeal.resolvedAt &&
          html`<dt>${a.appealResolvedAt}</dt>
            <dd>${instant(context, appeal.resolvedAt)}</dd>`
        }
      </dl>`;
  }
  if (!appealWindow || data.bid.submission.registrationNumber === null) return html``;
  if (!appealWindow.open)
    return html`<h3 id="appeal">${a.appealTitle}</h3>
      <p>${a.appealClosed} ${instant(context, appealWindow.closesAt)}</p>`;
  const invalid = form.problem !== null;
  return html`<h3 id="appeal-heading">${a.appealTitle}</h3>
    <p>${a.appealUntil} ${instant(context, appealWindow.closesAt)}</p>
    ${
      invalid &&
      html`<div class="error-summary" role="alert" aria-labelledby="appeal-error-title" tabindex="-1" data-focus>
        <h2 id="appeal-error-title">${a.errorSummaryTitle}</h2>
        <ul>
          <li><a href="#appeal">${form.problem}</a></li>
        </ul>
      </div>`
    }
    <form class="appeal-form" method="post" action="/bids/${id}/appeal" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken ?? ''}" />
      <div class="field${invalid ? ' field-invalid' : ''}">
        <label for="appeal">${a.appealGrounds}</label>
        <p class="hint" id="appeal-hint">${a.appealHint}</p>
        ${invalid && html`<p class="field-error" id="appeal-error"><span class="visually-hidden">${a.errorPrefix} </span>${form.problem}</p>`}
        ${textarea(
          html`id="appeal" name="grounds" rows="8" aria-describedby="appeal-hint${invalid ? ' appeal-error' : ''}"
          ${invalid && html`aria-invalid="true"`}`,
          form.grounds,
        )}
      </div>
      <button type="submit">${a.appealSubmit}</button>
    </form>`;
}
