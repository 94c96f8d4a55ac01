/**
 * The page an invite link opens: `<server>/r/<room>`. With the extension installed it asks the
 * extension (through `externally_connectable`) to open the call window; without it, it offers
 * to join in this browser (the web client, when this server serves one) or to get the
 * extension.
 */
import { inviteOpenMessage } from '../protocol/extension-messages.js';
import type { PageText } from './page-text.js';

// The room id is validated to [A-Za-z0-9_-] before it gets here; escaping is defence in depth.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The extension's page in the Chrome Web Store: a published extension's id is its store id. */
export function storeUrl(extensionId: string): string {
  return `https://chromewebstore.google.com/detail/${encodeURIComponent(extensionId)}`;
}

export function renderInvitePage(
  room: string,
  extensionId: string,
  webClient: boolean,
  { language, t, errors }: PageText,
): string {
  const safeRoom = escapeHtml(room);
  const webCall = `/call?room=${encodeURIComponent(room)}`;
  const joinHere = webClient
    ? `<a class="button primary" href="${webCall}">${escapeHtml(t('invite_join_here'))}</a>`
    : '';
  // The room goes into its own <code>: the sentence is split where the catalogue puts it.
  const [beforeRoom = '', afterRoom = ''] = escapeHtml(t('invite_room_note', '\u0000')).split(
    '\u0000',
  );
  // What the script may say later, in this page's language.
  const scriptText = {
    notInstalled: t('invite_not_installed'),
    opened: t('invite_opened'),
    errors,
  };
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('invite_title', room))}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #0f172a; color: #e2e8f0; }
  main { max-width: 34rem; margin: 12vh auto; padding: 2rem; background: #1e293b; border-radius: 12px; }
  h1 { margin-top: 0; font-size: 1.5rem; }
  code { background: #0f172a; padding: .2rem .5rem; border-radius: 6px; font-size: 1.05rem; user-select: all; }
  a.button { display: inline-block; margin: .25rem .5rem .25rem 0; padding: .6rem 1.1rem; border-radius: 8px;
    border: 1px solid #64748b; color: #e2e8f0; text-decoration: none; font-weight: 600; }
  a.button.primary { background: #2563eb; border-color: #2563eb; color: #fff; }
  a.button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
  .small { color: #cbd5e1; font-size: .9rem; }
  [hidden] { display: none; }
</style>
</head>
<body data-invite="${escapeHtml(JSON.stringify(inviteOpenMessage(room)))}" data-extension-id="${escapeHtml(extensionId)}" data-text="${escapeHtml(JSON.stringify(scriptText))}"${webClient ? ` data-web-call="${webCall}"` : ''}>
<main>
  <h1>${escapeHtml(t('invite_heading'))}</h1>
  <p id="status" role="status">${escapeHtml(t('invite_opening'))}</p>
  <section id="install" hidden>
    <p>${escapeHtml(t('invite_about'))}</p>
    <p>${joinHere}<a class="button" href="${escapeHtml(storeUrl(extensionId))}" target="_blank" rel="noopener">${escapeHtml(t('invite_get_extension'))}</a></p>
    <p class="small">${beforeRoom}<code id="room">${safeRoom}</code>${afterRoom}</p>
  </section>
</main>
<script src="/invite.js"></script>
</body>
</html>`;
}

/** Runs in the invitee's browser; plain JavaScript because the server serves it as is. */
export const INVITE_SCRIPT = `(() => {
  const { invite, extensionId, webCall } = document.body.dataset;
  const text = JSON.parse(document.body.dataset.text);
  const status = document.getElementById('status');
  // A website's "Click to call" button opened this page in a window of its own (?via=button):
  // the call goes to the extension if it is here, else this window becomes the web client.
  const params = new URLSearchParams(location.search);
  const viaButton = params.get('via') === 'button';
  const showInstall = () => {
    if (viaButton && webCall) {
      const call = new URL(webCall, location.href);
      if (params.get('name')) call.searchParams.set('name', params.get('name'));
      return location.replace(call.href);
    }
    status.textContent = text.notInstalled;
    document.getElementById('install').hidden = false;
  };
  const runtime = globalThis.chrome && globalThis.chrome.runtime;
  if (!runtime || typeof runtime.sendMessage !== 'function') return showInstall();
  try {
    runtime.sendMessage(extensionId, JSON.parse(invite), (reply) => {
      if (!runtime.lastError && reply && reply.ok === false && reply.error) {
        // The extension is there and said no (e.g. a server it is not set up for): say why,
        // worded from the code in this page's language.
        status.textContent = text.errors[reply.error.code] || text.errors.HOST_ERROR;
        return;
      }
      if (runtime.lastError || !reply || reply.ok !== true) return showInstall();
      status.textContent = text.opened;
      if (viaButton) window.close();
    });
  } catch {
    showInstall();
  }
})();
`;
