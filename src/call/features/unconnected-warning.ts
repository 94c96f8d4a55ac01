import type { CallContext } from '../call-context.js';
import { UnconnectedMembers } from '../../session/unconnected-members.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

/**
 * The eavesdropper check on screen: names whoever the server says is in the room but has not
 * connected to this person within the grace (see session/unconnected-members.ts).
 */
export const title: MessageKey = 'feature_unconnected_warning';

export function start({ session }: CallContext, signal: AbortSignal): void {
  const note = document.querySelector<HTMLElement>('#unconnected-warning')!;
  const members = new UnconnectedMembers();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = (): void => {
    clearTimeout(timer);
    const now = Date.now();
    const names = members.overdue(now);
    const text =
      names.length === 0
        ? ''
        : names.length === 1
          ? t('unconnected_one', names[0]!)
          : t('unconnected_many', names.join(', '));
    if (note.textContent !== text) note.textContent = text;
    note.hidden = names.length === 0;
    const next = members.nextDeadline(now);
    if (next !== undefined) timer = setTimeout(render, next - now);
  };

  const listed = (peer: { id: string; name: string }): void => {
    members.listed(peer.id, peer.name, Date.now());
    render();
  };
  session.on('participantJoined', listed, { signal });
  session.on('participantUpdated', listed, { signal });
  session.on(
    'linkStateChanged',
    ({ peerId, state }) => {
      if (state !== 'connected') return;
      members.connected(peerId);
      render();
    },
    { signal },
  );
  session.on(
    'participantLeft',
    (peerId) => {
      members.left(peerId);
      render();
    },
    { signal },
  );
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      note.hidden = true; // out of the call, nobody is expected to connect
    },
    { once: true },
  );
}
