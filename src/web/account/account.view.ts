import { formatUtcOffset, wallClock } from '../../common/pdf/format';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { layout } from '../views/layout';

export interface AccountData {
  fullName: string;
  email: string;
  /** The applicant's cluster, in the page language. */
  clusterName: string | null;
}

/** The signed-in person's own page; the journeys of each role will hang off it. */
export function accountPage(context: PageContext, data: AccountData): SafeHtml {
  const { t, actor } = context;
  const main = html`<h1>${t.accountTitle}</h1>
    <dl class="facts">
      <dt>${t.fullName}</dt>
      <dd>${data.fullName}</dd>
      <dt>${t.email}</dt>
      <dd>${data.email}</dd>
      <dt>${t.role}</dt>
      <dd>${actor && t.roles[actor.role]}</dd>
      ${
        data.clusterName &&
        html`<dt>${t.cluster}</dt>
          <dd>${data.clusterName}</dd>`
      }
      ${
        context.clusterTimeZone &&
        html`<dt>${t.clusterTimeZone}</dt>
          <dd>${zone(context.clusterTimeZone)}</dd>`
      }
    </dl>
    <p class="notice">${t.accountNext}</p>`;
  return layout(context, { title: t.accountTitle, main });
}

/** `Asia/Tomsk (UTC+7)`, with today's offset. */
const zone = (timeZone: string) => `${timeZone} (${formatUtcOffset(wallClock(new Date(), timeZone).offsetMinutes)})`;
