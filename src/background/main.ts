import type { Runtime } from '../platform/browser.js';
import {
  parseExternalMessage,
  parseInternalMessage,
  type ExtensionReply,
} from '../protocol/extension-messages.js';
import { errors } from '../shared/app-error.js';
import { browser } from '../platform/browser.js';
import { isConfiguredServer } from '../shared/configured-servers.js';
import { loadSettings } from '../shared/settings.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { forgetClosedCallWindow, openCallWindow } from './call-window.js';

const log = createLogger('background');
logUnhandledRejections(log);

function refused(reason: string): ExtensionReply {
  log.warn('Refused a message', reason);
  return { ok: false, error: { code: 'INVALID_MESSAGE', message: reason } };
}

async function open(
  room: string,
  where: { server?: string; name?: string } = {},
): Promise<ExtensionReply> {
  await openCallWindow(room, where);
  return { ok: true, data: null };
}

// From the popup and other pages of this extension.
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return Promise.resolve(refused('not from this extension'));
  const parsed = parseInternalMessage(raw);
  if (!parsed.ok) return Promise.resolve(refused(parsed.reason));
  const { room, name } = parsed.value;
  return open(room, name === undefined ? {} : { name });
});

/**
 * From an invite page on a server listed in `externally_connectable`. The call uses that server
 * only if it is one this extension is set up for: the origin is Chrome's word for where the
 * message came from, not the page's, but a page is not trusted to choose the server.
 */
async function openFromInvite(
  room: string,
  sender: Runtime.MessageSender,
): Promise<ExtensionReply> {
  const origin = sender.url ? new URL(sender.url).origin : '';
  const settings = await loadSettings();
  if (!isConfiguredServer(origin, settings.serverUrl)) {
    log.warn('Refused an invite from a server that is not configured', origin);
    return { ok: false, error: errors.unknownServer(origin).toWire() };
  }
  return open(room, { server: origin });
}

browser.runtime.onMessageExternal.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const parsed = parseExternalMessage(raw);
  if (!parsed.ok) return Promise.resolve(refused(parsed.reason));
  return openFromInvite(parsed.value.room, sender);
});

browser.windows.onRemoved.addListener(forgetClosedCallWindow);

// A first install opens the welcome page (what this is, pinning, a camera check); an update or
// a browser restart does not.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install') return;
  browser.tabs
    .create({ url: browser.runtime.getURL('src/welcome/welcome.html') })
    .catch((error: unknown) => log.warn('Could not open the welcome page', error));
});
