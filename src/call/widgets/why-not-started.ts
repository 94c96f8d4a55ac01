import type { WidgetPage } from '../../protocol/widget-manifest.js';

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
  const didNot = `${title} did not start:`;
  if (page.kind === 'packaged')
    return `${didNot} its script never connected to the call. The browser console says why.`;
  const { url } = page;
  const origin = new URL(url).origin;
  const generic = `${didNot} its page at ${origin} never connected to the call. It must load the TFX SDK, and serve its module scripts with Access-Control-Allow-Origin: *.`;
  if (!mayFetch) return generic;
  try {
    await fetcher(url, { ...QUIET, mode: 'no-cors' });
  } catch {
    return `${didNot} ${origin} could not be reached securely: the site is down, or this browser does not trust its certificate.`;
  }
  let html: string;
  try {
    const response = await fetcher(url, { ...QUIET, mode: 'cors' });
    if (!response.ok) return `${didNot} its page at ${url} answered ${response.status}.`;
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
      if (!response.ok) return `${didNot} its script ${script} answered ${response.status}.`;
    } catch {
      return `${didNot} its script ${script} is served without Access-Control-Allow-Origin: *, which a sandboxed widget needs.`;
    }
  }
  return `${didNot} its page at ${origin} loaded, but never connected to the call: does it load the TFX SDK?`;
}
