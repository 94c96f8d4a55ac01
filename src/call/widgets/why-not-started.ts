import type { WidgetPage } from '../../protocol/widget-manifest.js';
import { t } from '../../shared/i18n.js';

/** The part of `fetch` this looks with; a test hands in its own. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

const QUIET: RequestInit = {
  credentials: 'omit',
  cache: 'no-store',
  referrerPolicy: 'no-referrer',
};

/**
 * What to tell a person whose widget's page loaded but never connected to the call. A
 * packaged widget's page is the extension's own: its script failed. A web app's is another
 * site's, which the call page cannot look into; where this page may connect to other origins
 * (`mayFetch`), it asks that site what a sandboxed frame would have met: an unreachable site or
 * an untrusted certificate, an error status, or module scripts served without the
 * `Access-Control-Allow-Origin: *` an opaque-origin frame needs. Only after the frame failed,
 * so the site learns nothing it had not already.
 */
export async function whyNotStarted(
  title: string,
  page: WidgetPage,
  mayFetch: boolean,
  fetcher: Fetcher = (url, init) => fetch(url, init),
): Promise<string> {
  if (page.kind === 'packaged') return t('not_started_packaged', title);
  const { url } = page;
  const origin = new URL(url).origin;
  const generic = t('not_started_generic', title, origin);
  if (!mayFetch) return generic;
  try {
    await fetcher(url, { ...QUIET, mode: 'no-cors' });
  } catch {
    return t('not_started_unreachable', title, origin);
  }
  let html: string;
  try {
    const response = await fetcher(url, { ...QUIET, mode: 'cors' });
    if (!response.ok) return t('not_started_page_status', title, url, response.status);
    html = await response.text();
  } catch {
    return generic; // its page is not readable from here; its scripts cannot be looked at
  }
  const scripts = [...html.matchAll(/<script\b[^>]*\btype\s*=\s*["']?module[^>]*>/gi)]
    .map(([tag]) => /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1])
    .filter((src): src is string => src !== undefined);
  for (const src of scripts) {
    const script = new URL(src, url).toString();
    try {
      const response = await fetcher(script, { ...QUIET, mode: 'cors' });
      if (!response.ok) return t('not_started_script_status', title, script, response.status);
    } catch {
      return t('not_started_script_cors', title, script);
    }
  }
  return t('not_started_no_sdk', title, origin);
}
