import { assetUrl } from '../assets/assets';
import { html, type SafeHtml } from '../html';
import { dictionary, LANGUAGES } from '../i18n/dictionary';
import { withLanguage } from '../i18n/language';
import type { PageContext } from '../page-context';
import { CSRF_FIELD } from '../session/csrf';

export interface PageContent {
  /** The page's own title; the site name is appended. */
  title: string;
  main: SafeHtml;
  /** Links above the heading, last one being the current page. */
  breadcrumbs?: { label: string; href?: string }[];
}

/** The frame of every page: skip link, header with navigation, language switch and sign-in/out, footer. */
export function layout(context: PageContext, content: PageContent): SafeHtml {
  const { t, language } = context;
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content="${t.siteTagline}" />
        <title>${content.title} — ${t.siteName}</title>
        <link rel="stylesheet" href="${assetUrl('site.css')}" />
        <link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml" />
        <script src="${assetUrl('site.js')}" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skipToContent}</a>
        ${header(context)}
        <main id="main" tabindex="-1">
          <div class="wrap">${content.breadcrumbs && breadcrumbs(context, content.breadcrumbs)} ${content.main}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>${t.footerNote}</p>
            <p><a href="/api/docs" lang="en">${t.footerApi}</a></p>
          </div>
        </footer>
      </body>
    </html> `;
}

function header(context: PageContext): SafeHtml {
  const { t, actor, section } = context;
  const current = (name: PageContext['section']) => (section === name ? html` aria-current="page"` : '');
  return html`<header class="site-header">
    <div class="wrap header-row">
      <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">К</span><span class="brand-text">${t.siteName}</span></a>
      <nav class="main-nav" aria-label="${t.mainNavigation}">
        <ul>
          <li><a href="/" ${current('programmes')}>${t.navProgrammes}</a></li>
          <li><a href="/verify" ${current('verify')}>${t.navVerify}</a></li>
          ${actor?.role === 'applicant' && html`<li><a href="/bids" ${current('bids')}>${t.applicant.navMyBids}</a></li>`}
          ${actor && html`<li><a href="/account" ${current('account')}>${t.account}</a></li>`}
        </ul>
      </nav>
      <div class="header-tools">
        ${languageSwitch(context)}
        ${
          actor
            ? html`<form class="sign-out" method="post" action="/sign-out">
                <input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken ?? ''}" />
                <span class="who"><span class="visually-hidden">${t.signedInAs} </span>${actor.email}</span>
                <button type="submit" class="button button-secondary">${t.signOut}</button>
              </form>`
            : section !== 'sign-in' && html`<a class="button" href="/sign-in">${t.signIn}</a>`
        }
      </div>
    </div>
  </header>`;
}

/** Links, not a script: each names its language in that language and works without JavaScript. */
function languageSwitch(context: PageContext): SafeHtml {
  const links = LANGUAGES.map((language) => {
    const name = dictionary(language).languageName;
    const currentMark = language === context.language ? html` aria-current="true"` : '';
    return html`<li>
      <a href="${withLanguage(context.url, language)}" lang="${language}" hreflang="${language}" ${currentMark}
        ><abbr title="${name}">${language.toUpperCase()}</abbr><span class="visually-hidden"> ${name}</span></a
      >
    </li>`;
  });
  return html`<nav class="lang-switch" aria-label="${context.t.languageSwitch}">
    <ul>
      ${links}
    </ul>
  </nav>`;
}

function breadcrumbs(context: PageContext, items: { label: string; href?: string }[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${context.t.breadcrumbs}">
    <ol>
      ${items.map((item) =>
        item.href ? html`<li><a href="${item.href}">${item.label}</a></li>` : html`<li aria-current="page">${item.label}</li>`,
      )}
    </ol>
  </nav>`;
}
