import type { Peer } from '../../protocol/signalling.js';
import type { CallContext } from '../call-context.js';
import { clearToasts, showToast } from './toasts.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_presence';

const HAND = 'hand-raised';

/**
 * Who came and went, and whose hand is up. Notices go into a polite live region, so a screen
 * reader announces them without interrupting; a raised hand also marks the person's tile, for
 * as long as it is up, and is told to people who connect later.
 */
export function start(
  { session, grid, control, network, log }: CallContext,
  signal: AbortSignal,
): void {
  const button = document.querySelector<HTMLButtonElement>('#raise-hand')!;
  const names = new Map<string, string>();
  const raised = new Set<string>();
  let mine = false;
  // The people already in the room arrive with the join's answer, in the same task as the
  // 'in-call' state; only those who come after that are news.
  let listing = false;

  const markTile = (peerId: string, up: boolean): void => {
    const caption = grid.captionOf(peerId);
    if (!caption) return;
    caption.querySelector(`.${HAND}`)?.remove();
    if (!up) return;
    const mark = document.createElement('span');
    mark.className = HAND;
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', t('presence_hand_raised'));
    mark.textContent = '✋';
    caption.prepend(mark);
  };

  const tell = (to?: string): void => {
    control
      .send({ type: 'hand:changed', raised: mine }, to)
      .catch((error: unknown) => log.warn('Could not tell peers about the raised hand', error));
  };

  const setMine = (up: boolean): void => {
    mine = up;
    button.setAttribute('aria-pressed', String(up));
    markTile('self', up);
    tell();
  };

  session.on(
    'stateChanged',
    (state) => {
      if (state.kind !== 'in-call') return;
      listing = true;
      queueMicrotask(() => (listing = false));
    },
    { signal },
  );
  session.on(
    'participantJoined',
    (peer: Peer) => {
      names.set(peer.id, peer.name);
      if (!listing) showToast(t('presence_joined', peer.name));
    },
    { signal },
  );
  session.on('participantUpdated', (peer) => names.set(peer.id, peer.name), { signal });
  session.on(
    'participantLeft',
    (peerId) => {
      raised.delete(peerId);
      showToast(t('presence_left', names.get(peerId) ?? t('someone')));
      names.delete(peerId);
    },
    { signal },
  );
  control.on(
    'hand:changed',
    ({ control: { raised: up }, from }) => {
      if (up === raised.has(from.id)) return;
      if (up) raised.add(from.id);
      else raised.delete(from.id);
      markTile(from.id, up);
      if (up) showToast(t('presence_raised_hand', from.name));
    },
    { signal },
  );
  // A newcomer learns of a hand that is already up.
  network.on('peerJoined', (peer) => mine && tell(peer.id), { signal });
  button.addEventListener('click', () => setMine(!mine), { signal });
  signal.addEventListener('abort', clearToasts, { once: true });
}
