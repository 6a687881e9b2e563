import type { DecisionRow } from '../../decisions/decisions.repository';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { instant } from '../views/components';
import { formatRoubles } from '../views/format';
import { layout } from '../views/layout';

export interface VerifyPageData {
  /** The code as typed, when one was. */
  code: string | null;
  /** The document found, or null (not issued, or nothing asked yet). */
  decision: DecisionRow | null;
}

/** The public verification page: what a code's document says, and whether it still stands. */
export function verifyPage(context: PageContext, data: VerifyPageData): SafeHtml {
  const { t } = context;
  const form = html`<form class="verify-form" method="get" action="/verify">
    <label for="code">${t.verifyCode}</label>
    <input
      id="code"
      name="code"
      type="text"
      inputmode="text"
      autocomplete="off"
      spellcheck="false"
      maxlength="20"
      pattern="[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}"
      value="${data.code ?? ''}"
      required
    />
    <button type="submit">${t.verifyButton}</button>
  </form>`;
  const main = html`<h1>${t.verifyTitle}</h1>
    <p>${t.verifyIntro}</p>
    ${form} ${data.code && !data.decision && html`<p class="notice notice-error" role="alert">${t.verifyNotFound}</p>`}
    ${data.decision && verdict(context, data.decision)}`;
  return layout(context, { title: t.verifyTitle, main });
}

function verdict(context: PageContext, d: DecisionRow): SafeHtml {
  const { t, language } = context;
  const current = d.status === 'current';
  const title = language === 'ru' ? d.programmeTitleRu : d.programmeTitleEn;
  const cluster = language === 'ru' ? d.clusterNameRu : d.clusterNameEn;
  const rows: [string, SafeHtml | string][] = [
    [t.verifyDocument, t.verifyKind[d.kind] ?? d.kind],
    [t.verifyCode, html`<span class="code">${d.verificationCode}</span>`],
    [t.verifyProgramme, `${title} (${d.programmeCode})`],
    [t.verifyRun, `№ ${d.runNumber}`],
    ...(d.registrationNumber
      ? ([[t.registrationNumber, html`<span class="code">${d.registrationNumber}</span>`]] as [string, SafeHtml][])
      : []),
    ...(cluster ? ([[t.cluster, cluster]] as [string, string][]) : []),
    ...(d.outcome ? ([[t.outcomeLabel, t.outcome[d.outcome as keyof typeof t.outcome] ?? d.outcome]] as [string, string][]) : []),
    ...(d.fundedFederalKopecks !== null ? ([[t.fundedAmount, formatRoubles(d.fundedFederalKopecks, language)]] as [string, string][]) : []),
    [t.verifyLanguage, t.verifyLanguages[d.language] ?? d.language],
    [t.verifyIssuedAt, instant(context, d.issuedAt)],
    ...(d.supersededAt ? ([[t.verifySupersededAt, instant(context, d.supersededAt)]] as [string, SafeHtml][]) : []),
    [t.verifySha256, html`<span class="code sha">${d.sha256}</span><br /><small>${t.verifySha256Hint}</small>`],
    [t.verifySize, String(d.sizeBytes)],
  ];
  return html`<section class="section verdict ${current ? 'verdict-current' : 'verdict-superseded'}" aria-live="polite">
    <h2>${current ? t.verifyCurrent : t.verifySuperseded}</h2>
    ${
      !current &&
      d.supersededByCode &&
      html`<p>${t.verifyReplacedBy}: <a class="code" href="/verify?code=${d.supersededByCode}">${d.supersededByCode}</a></p>`
    }
    <dl class="facts">
      ${rows.map(
        ([label, value]) =>
          html`<dt>${label}</dt>
            <dd>${value}</dd>`,
      )}
    </dl>
  </section>`;
}
