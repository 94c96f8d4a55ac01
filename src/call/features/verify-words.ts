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

const RECHECK_MS = 500;

export function start({ session, grid }: CallContext, signal: AbortSignal): void {
  const dialog = document.querySelector<HTMLDialogElement>('#verify-dialog')!;
  const title = document.querySelector<HTMLElement>('#verify-title')!;
  const list = document.querySelector<HTMLElement>('#verify-words')!;
  const problem = document.querySelector<HTMLElement>('#verify-problem')!;

  // Words need the connection's DTLS handshake done. A dialog opened before that, or while a
  // connection is being remade, keeps looking until it has words or is closed, rather than
  // leaving a stale "not yet" on screen.
  let looking: AbortController | undefined;
  dialog.addEventListener('close', () => looking?.abort(), { signal });

  const wordsFor = async (peer: Peer): Promise<string[] | string> => {
    const link = session.peerConnections().find((each) => each.peer.id === peer.id);
    if (!link) return t('verify_not_connected', peer.name);
    const fingerprints = await connectionFingerprints(link.pc);
    if (!fingerprints.ok) return fingerprints.reason;
    return securityWords(fingerprints.value.local, fingerprints.value.remote);
  };

  const show = async (peer: Peer): Promise<void> => {
    looking?.abort();
    const current = (looking = new AbortController());
    title.textContent = t('verify_named', peer.name);
    list.replaceChildren();
    problem.textContent = '';
    dialog.showModal();
    while (!current.signal.aborted && !signal.aborted) {
      const words = await wordsFor(session.peer(peer.id) ?? peer);
      if (current.signal.aborted) return;
      if (typeof words !== 'string') {
        problem.textContent = '';
        list.replaceChildren(
          ...words.map((word) => {
            const item = document.createElement('li');
            item.textContent = word;
            return item;
          }),
        );
        return;
      }
      const reason = t('verify_no_words', words);
      if (problem.textContent !== reason) problem.textContent = reason;
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
    }
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
