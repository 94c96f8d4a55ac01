import { displayNameSchema } from '../protocol/signalling.js';
import { formatIceServerLines, parseIceServerLines } from './ice-server-lines.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { parseServerUrl } from '../shared/server-url.js';
import { DEFAULT_SERVER_URL } from '../shared/configured-servers.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { startWidgetsSection } from './widgets-section.js';
import { MAX_NAME_CHARS } from '../shared/identifiers.js';
import { prepareMessages, t, translatePage } from '../shared/i18n.js';
import { platform } from '../platform/current.js';

const log = createLogger('options');
logUnhandledRejections(log);
// The strings are ready at once unless the extension is only just installed (see platform).
void prepareMessages(platform).then(() => translatePage(document));

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
  if (!server) return report(t('options_server_problem'), true);
  const ice = parseIceServerLines(iceServers.value);
  if (!ice.ok) return report(t('options_ice_problem', ice.reason), true);
  const name =
    displayName.value.trim() === '' ? undefined : displayNameSchema.safeParse(displayName.value);
  if (name && !name.success) return report(t('options_name_problem', MAX_NAME_CHARS), true);
  await saveSettings({
    serverUrl: server,
    iceServers: ice.value,
    relayOnly: relayOnly.checked,
    displayName: name?.data,
  });
  const ownTurn = ice.value.some((s) => String(s.urls).startsWith('turn'));
  report(
    relayOnly.checked && !ownTurn ? t('options_saved_relay_from_server') : t('options_saved'),
    false,
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  report(t('options_saving'), false);
  save().catch((error: unknown) => {
    log.error('Could not save the settings', error);
    report(t('options_not_saved', error instanceof Error ? error.message : String(error)), true);
  });
});

loadSettings().then(
  (settings) => {
    serverUrl.value = settings.serverUrl;
    // The server this build was made for, shown as the way back to it.
    serverUrl.placeholder = DEFAULT_SERVER_URL;
    iceServers.value = formatIceServerLines(settings.iceServers);
    relayOnly.checked = settings.relayOnly;
    displayName.value = settings.displayName ?? '';
    fields.disabled = false;
  },
  (error: unknown) => {
    log.error('Could not load the settings', error);
    report(t('options_not_loaded'), true);
  },
);

startWidgetsSection().catch((error: unknown) => {
  log.error('Could not open the installed widgets', error);
  const status = document.querySelector<HTMLElement>('#widget-status')!;
  status.textContent = t('options_widgets_not_read', String(error));
  status.classList.add('error');
});
