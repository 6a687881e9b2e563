import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { CSRF_FIELD } from '../session/csrf';
import { layout } from '../views/layout';

export interface SignInData {
  csrfToken: string;
  email: string;
  /** Where to go after signing in (a local path), carried through the form. */
  next: string | null;
  /** Already in the visitor's language; null when the form is shown fresh. */
  error: string | null;
}

export function signInPage(context: PageContext, data: SignInData): SafeHtml {
  const { t } = context;
  const invalid = data.error !== null;
  const main = html`<h1>${t.signInTitle}</h1>
    <p class="lead">${t.signInIntro}</p>
    ${
      invalid &&
      html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
        <h2 id="error-summary-title">${t.errorSummary}</h2>
        <p id="sign-in-error">${data.error}</p>
      </div>`
    }
    ${context.actor && html`<p class="notice">${t.alreadySignedIn} <a href="/account">${t.account}</a></p>`}
    <form class="form-card" method="post" action="/sign-in" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${data.csrfToken}" />
      ${data.next && html`<input type="hidden" name="next" value="${data.next}" />`}
      <div class="field">
        <label for="email">${t.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          spellcheck="false"
          autocapitalize="none"
          required
          value="${data.email}"
          ${invalid && html` aria-invalid="true" aria-describedby="sign-in-error"`}${!invalid && html` autofocus`}
        />
      </div>
      <div class="field">
        <label for="password">${t.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required${invalid && html` aria-invalid="true" aria-describedby="sign-in-error" autofocus`}
        />
      </div>
      <button type="submit">${t.signInButton}</button>
    </form>`;
  return layout(context, { title: t.signInTitle, main });
}
