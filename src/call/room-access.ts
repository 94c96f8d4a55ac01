import type { CallSession } from '../session/call-session.js';
import type { Logger } from '../shared/log.js';

/** Shows the room-password form and resolves with what was typed. */
export function askPassword(wrong: boolean): Promise<string> {
  const form = document.querySelector<HTMLFormElement>('#password-form')!;
  const input = document.querySelector<HTMLInputElement>('#room-password')!;
  const problem = document.querySelector<HTMLElement>('#password-problem')!;
  problem.textContent = wrong ? 'That password is not right for this room. Try again.' : '';
  input.value = '';
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', function onSubmit(event) {
      event.preventDefault();
      if (input.value === '') return;
      form.removeEventListener('submit', onSubmit);
      form.hidden = true;
      resolve(input.value);
    });
  });
}

/** The "Lock room" toggle: anyone in the call may lock or unlock it, and everyone sees which. */
export function wireRoomLock(session: CallSession, log: Logger, signal: AbortSignal): void {
  const button = document.querySelector<HTMLButtonElement>('#toggle-lock')!;
  let locked = false;
  session.on(
    'roomChanged',
    (room) => {
      locked = room.locked;
      button.setAttribute('aria-pressed', String(locked));
      button.textContent = locked ? 'Unlock room' : 'Lock room';
      button.title = locked ? 'No one else can join until you unlock the room' : '';
    },
    { signal },
  );
  button.addEventListener(
    'click',
    () => {
      session
        .setLocked(!locked)
        .catch((error: unknown) => log.warn('Could not change the lock', error));
    },
    { signal },
  );
}
