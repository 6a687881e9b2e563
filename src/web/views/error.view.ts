import { html, type SafeHtml } from '../html';
import type { Dictionary } from '../i18n/dictionary';
import type { PageContext } from '../page-context';
import { layout } from './layout';

export type ErrorKind = 'notFound' | 'forbidden' | 'formExpired' | 'badRequest' | 'error';

const TEXTS: Record<ErrorKind, (t: Dictionary) => [string, string]> = {
  notFound: (t) => [t.notFoundTitle, t.notFoundText],
  forbidden: (t) => [t.forbiddenTitle, t.forbiddenText],
  formExpired: (t) => [t.formExpiredTitle, t.formExpiredText],
  badRequest: (t) => [t.badRequestTitle, t.badRequestText],
  error: (t) => [t.errorTitle, t.errorText],
};

export function errorPage(context: PageContext, kind: ErrorKind, requestId: string | null): SafeHtml {
  const { t } = context;
  const [title, text] = TEXTS[kind](t);
  const main = html`<h1>${title}</h1>
    <p>${text}</p>
    ${kind === 'error' && requestId && html`<p>${t.errorReference}: <span class="code">${requestId}</span></p>`}
    <p><a href="/">${t.backHome}</a></p>`;
  return layout(context, { title, main });
}
