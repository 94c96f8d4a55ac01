import { parseExtensionReply, type OpenCallMessage } from '../protocol/extension-messages.js';
import { displayNameSchema } from '../protocol/signalling.js';
import { browser } from '../shared/browser.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { newRoomId, roomFromInput } from '../shared/room-id.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { stashPassword } from '../shared/room-password-stash.js';

const log = createLogger('popup');
logUnhandledRejections(log);

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
    problem.textContent = 'Room: paste a room id (letters, digits, - or _) or an invite link.';
    roomInput.focus();
    return;
  }
  const name = displayNameSchema.safeParse(nameInput.value);
  if (!name.success) {
    problem.textContent = `Your name: ${name.error.issues[0]?.message ?? 'invalid'}.`;
    nameInput.focus();
    return;
  }
  await saveSettings({ displayName: name.data });
  // A new room takes this password; a protected one is opened with it. Never put in the URL.
  if (passwordInput.value !== '') await stashPassword(room, passwordInput.value);
  const message: OpenCallMessage = { type: 'call:open', v: 1, room };
  const reply = parseExtensionReply(await browser.runtime.sendMessage(message));
  if (!reply.ok || !reply.value.ok) {
    problem.textContent =
      reply.ok && !reply.value.ok
        ? reply.value.error.message
        : 'The extension did not answer. Try again.';
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
void loadSettings().then((settings) => {
  nameInput.value = settings.displayName ?? '';
  (nameInput.value ? roomInput : nameInput).focus();
});
