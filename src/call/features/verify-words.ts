import type { Peer } from '../../protocol/signalling.js';
import { connectionFingerprints } from '../../session/connection-fingerprints.js';
import { securityWords } from '../../session/security-words.js';
import type { CallContext } from '../call-context.js';
import { t, type MessageKey } from '../../shared/i18n.js';

/**
 * "Verify" on each person's tile: the security words of the connection to them, to compare
 * aloud (see session/security-words.ts). Words that differ mean someone is in between.
 */
export const title: MessageKey = 'feature_verify_words';

export function start({ session, grid }: CallContext, signal: AbortSignal): void {
  const dialog = document.querySelector<HTMLDialogElement>('#verify-dialog')!;
  const title = document.querySelector<HTMLElement>('#verify-title')!;
  const list = document.querySelector<HTMLElement>('#verify-words')!;
  const problem = document.querySelector<HTMLElement>('#verify-problem')!;

  const show = async (peer: Peer): Promise<void> => {
    title.textContent = t('verify_named', peer.name);
    list.replaceChildren();
    problem.textContent = '';
    dialog.showModal();
    const link = session.peerConnections().find((each) => each.peer.id === peer.id);
    const fingerprints = link
      ? await connectionFingerprints(link.pc)
      : { ok: false as const, reason: t('verify_not_connected', peer.name) };
    if (!fingerprints.ok) {
      problem.textContent = t('verify_no_words', fingerprints.reason);
      return;
    }
    list.replaceChildren(
      ...securityWords(fingerprints.value.local, fingerprints.value.remote).map((word) => {
        const item = document.createElement('li');
        item.textContent = word;
        return item;
      }),
    );
  };

  const addButton = (peer: Peer): void => {
    const caption = grid.captionOf(peer.id);
    if (!caption || caption.querySelector('.verify')) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'verify';
    button.textContent = t('verify_title');
    button.setAttribute('aria-label', t('verify_named', peer.name));
    button.addEventListener('click', () => void show(session.peer(peer.id) ?? peer), { signal });
    caption.append(button);
  };
  session.on('participantJoined', addButton, { signal });
  session.on('participantUpdated', addButton, { signal });
}
