import { openCallMessage, parseExtensionReply } from '../protocol/extension-messages.js';
import { displayNameSchema } from '../protocol/signalling.js';
import { browser } from '../platform/browser.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { newRoomId, roomFromInput } from '../shared/room-id.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { stashPassword } from '../shared/room-password-stash.js';
import { MAX_NAME_CHARS } from '../shared/identifiers.js';
import { prepareMessages, t, translatePage } from '../shared/i18n.js';
import { platform } from '../platform/current.js';
import { errorText } from '../shared/error-text.js';
import { markMoment } from '../shared/perf-marks.js';

const log = createLogger('popup');
logUnhandledRejections(log);
// The strings are ready at once unless the extension is only just installed (see platform).
const translated = prepareMessages(platform).then(() => translatePage(document));

const form = document.querySelector<HTMLFormElement>('#call-form')!;
const roomInput = document.querySelector<HTMLInputElement>('#room')!;
const nameInput = document.querySelector<HTMLInputElement>('#name')!;
const problem = document.querySelector<HTMLElement>('#problem')!;
const joinButton = document.querySelector<HTMLButtonElement>('#join')!;
const passwordInput = document.querySelector<HTMLInputElement>('#password')!;

async function openCall(): Promise<void> {
  problem.textContent = '';
  const room = roomFromInput(roomInput.value);
  if (!room) {
    problem.textContent = t('popup_room_problem');
    roomInput.focus();
    return;
  }
  const name = displayNameSchema.safeParse(nameInput.value);
  if (!name.success) {
    problem.textContent = t('name_problem', MAX_NAME_CHARS);
    nameInput.focus();
    return;
  }
  // Remembering the name is a convenience: when the store is full or broken the call still
  // opens, with the name handed over, and the popup stays to say what went wrong.
  const notRemembered = await saveSettings({ displayName: name.data }).then(
    () => undefined,
    (error: unknown) => {
      log.warn('Could not remember the name', error);
      return error instanceof Error ? error.message : String(error);
    },
  );
  // A new room takes this password; a protected one is opened with it. Never put in the URL.
  // Without it the room would open unprotected, so here a failure stops.
  if (passwordInput.value !== '') {
    try {
      await stashPassword(room, passwordInput.value);
    } catch (error) {
      problem.textContent = t(
        'popup_password_not_handed',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
  }
  const message = openCallMessage(room, notRemembered === undefined ? undefined : name.data);
  const reply = parseExtensionReply(await browser.runtime.sendMessage(message));
  if (!reply.ok || !reply.value.ok) {
    problem.textContent =
      reply.ok && !reply.value.ok ? errorText(reply.value.error) : t('popup_no_answer');
    return;
  }
  if (notRemembered !== undefined) {
    problem.textContent = t('popup_name_not_remembered', notRemembered);
    return;
  }
  window.close();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void openCall();
});
joinButton.addEventListener('click', () => void openCall());
document.querySelector('#options')!.addEventListener('click', (event) => {
  event.preventDefault();
  void browser.runtime.openOptionsPage();
});

roomInput.value = newRoomId();
const named = loadSettings().then((settings) => {
  nameInput.value = settings.displayName ?? '';
  (nameInput.value ? roomInput : nameInput).focus();
});
void Promise.all([translated, named]).then(() => markMoment('tfx:popup-ready'));
