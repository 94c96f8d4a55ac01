import { displayNameSchema } from '../protocol/signalling.js';
import { formatIceServerLines, parseIceServerLines } from './ice-server-lines.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { parseServerUrl } from '../shared/server-url.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { startWidgetsSection } from './widgets-section.js';

const log = createLogger('options');
logUnhandledRejections(log);

const form = document.querySelector<HTMLFormElement>('#settings')!;
const serverUrl = document.querySelector<HTMLInputElement>('#server-url')!;
const iceServers = document.querySelector<HTMLTextAreaElement>('#ice-servers')!;
const relayOnly = document.querySelector<HTMLInputElement>('#relay-only')!;
const displayName = document.querySelector<HTMLInputElement>('#display-name')!;
const status = document.querySelector<HTMLElement>('#status')!;
const fields = document.querySelector<HTMLFieldSetElement>('#fields')!;

function report(message: string, isError: boolean): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

async function save(): Promise<void> {
  const server = parseServerUrl(serverUrl.value);
  if (!server) return report('Signalling server URL: enter an http:// or https:// address.', true);
  const ice = parseIceServerLines(iceServers.value);
  if (!ice.ok) return report(`ICE servers: ${ice.reason}`, true);
  const name =
    displayName.value.trim() === '' ? undefined : displayNameSchema.safeParse(displayName.value);
  if (name && !name.success)
    return report(`Display name: ${name.error.issues[0]?.message ?? 'invalid'}.`, true);
  await saveSettings({
    serverUrl: server,
    iceServers: ice.value,
    relayOnly: relayOnly.checked,
    displayName: name?.data,
  });
  const ownTurn = ice.value.some((s) => String(s.urls).startsWith('turn'));
  report(
    relayOnly.checked && !ownTurn
      ? 'Saved. Relay only will use the TURN servers your signalling server hands out; calls say so if it has none.'
      : 'Saved. New calls use these settings.',
    false,
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  report('Saving…', false);
  save().catch((error: unknown) => {
    log.error('Could not save the settings', error);
    report(`Could not save: ${error instanceof Error ? error.message : String(error)}`, true);
  });
});

loadSettings().then(
  (settings) => {
    serverUrl.value = settings.serverUrl;
    iceServers.value = formatIceServerLines(settings.iceServers);
    relayOnly.checked = settings.relayOnly;
    displayName.value = settings.displayName ?? '';
    fields.disabled = false;
  },
  (error: unknown) => {
    log.error('Could not load the settings', error);
    report('Could not load your settings; reload this page to try again.', true);
  },
);

startWidgetsSection().catch((error: unknown) => {
  log.error('Could not open the installed widgets', error);
  const status = document.querySelector<HTMLElement>('#widget-status')!;
  status.textContent = `Your widgets could not be read: ${String(error)}`;
  status.classList.add('error');
});
