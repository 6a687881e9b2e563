import { createHash } from 'node:crypto';
import { APPLICANT_CSS } from './applicant-styles';
import { BUDGET_JS } from './budget-script';
import { SITE_CSS } from './styles';
import { SITE_JS } from './script';

export interface Asset {
  body: string;
  contentType: string;
  /** Content hash: pages link `?v=<hash>`, so browsers may cache an asset for good and still see every change. */
  hash: string;
}

const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#083a66"/><text x="16" y="23" font-family="Arial, sans-serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">К</text></svg>`;

const asset = (body: string, contentType: string): Asset => ({
  body,
  contentType,
  hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
});

/** Everything under /assets/: served by the app itself, nothing from a CDN. */
export const ASSETS: Readonly<Record<string, Asset>> = {
  'site.css': asset(SITE_CSS + APPLICANT_CSS, 'text/css; charset=utf-8'),
  // The bid editor's script rides in site.js (the one script every page loads); it does nothing on other pages.
  'site.js': asset(SITE_JS + BUDGET_JS, 'text/javascript; charset=utf-8'),
  'favicon.svg': asset(FAVICON_SVG, 'image/svg+xml'),
};

export type AssetName = 'site.css' | 'site.js' | 'favicon.svg';

export const assetUrl = (name: AssetName) => `/assets/${name}?v=${ASSETS[name].hash}`;
