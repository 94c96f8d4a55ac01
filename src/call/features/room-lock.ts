import type { CallContext } from '../call-context.js';
import { showControl } from './control-icons.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

/** The "Lock room" toggle: anyone in the call may lock or unlock it, and everyone sees which. */
export const title: MessageKey = 'feature_room_lock';

export function start({ session, log }: CallContext, signal: AbortSignal): void {
  const button = document.querySelector<HTMLButtonElement>('#toggle-lock')!;
  let locked = false;
  session.on(
    'roomChanged',
    (room) => {
      locked = room.locked;
      showControl(button, {
        name: locked ? t('control_unlock_room') : t('control_lock_room'),
        icon: locked ? 'lock-open' : 'lock',
      });
      button.title = locked ? t('control_locked_hint') : '';
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
