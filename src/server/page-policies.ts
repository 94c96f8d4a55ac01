/**
 * The security headers of what the server serves. Every response says nosniff and sends no
 * referrer (an invite link's room id must not leak to whatever a page links to); pages get a
 * CSP with no inline script; whether a page may be framed, and by whom, is said here alone.
 */
import { WIDGET_SANDBOX_CSP } from '../protocol/widget-sandbox-csp.js';

export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Anything that is not a page: it runs nothing and may be framed by no one. */
export const NOTHING_RUNS_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The invite page: its one script from this server, its styles inline, never framed. */
export const INVITE_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Who may frame the web client: the embedding sites the operator named, else no one. */
function ancestors(embedOrigins: readonly string[]): string {
  return embedOrigins.length > 0 ? embedOrigins.join(' ') : "'none'";
}

/**
 * A worker the call page starts (the face detector): a worker runs under its own script's
 * policy, so this one may fetch its model from this server, and nothing else.
 */
export const WORKER_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'";

/**
 * The web client's call page. Scripts and styles come from this server only; media is the
 * camera's and the peers' streams; widget frames are this server's own sandboxed pages or a
 * web-app widget's https page, as in the extension.
 */
export function callPageCsp(embedOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    // WebAssembly for background blur's person segmentation; no eval of JavaScript.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "frame-src 'self' https:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors(embedOrigins)}`,
  ].join('; ');
}

/**
 * A widget page: the extension's sandbox CSP (an opaque origin, scripts from this server
 * only), framed only by the call page, which may itself sit in an embedding site's page.
 */
export function widgetPageCsp(embedOrigins: readonly string[]): string {
  return `${WIDGET_SANDBOX_CSP}; frame-ancestors 'self' ${embedOrigins.join(' ')}`.trimEnd();
}
