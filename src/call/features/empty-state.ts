import { platform } from '../../platform/current.js';
import { isThisComputerOnly } from '../../shared/server-url.js';
import type { CallContext } from '../call-context.js';
import { setIcon } from './control-icons.js';
import { copyLink } from './copy-link.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_empty_state';

/**
 * While nobody else is in the call, a card says so and offers the link with a big copy button:
 * the one thing a person alone needs to do next. It also warns when the link can only open on
 * this computer (a signalling server on loopback), which otherwise fails silently for the
 * friend who gets it. It goes when someone joins, and comes back if they all leave, unless the
 * person hid it.
 */
export function start({ session, inviteUrl }: CallContext, signal: AbortSignal): void {
  const card = document.querySelector<HTMLElement>('#empty-state')!;
  const status = document.querySelector<HTMLElement>('#empty-copy-status')!;
  const link = document.querySelector<HTMLElement>('#empty-link')!;
  const copy = document.querySelector<HTMLButtonElement>('#empty-copy')!;
  const dismiss = document.querySelector<HTMLButtonElement>('#empty-dismiss')!;
  const others = new Set<string>();
  let hidden = false;

  link.textContent = inviteUrl;
  setIcon(copy, 'copy');
  setIcon(dismiss, 'x');
  if (isThisComputerOnly(inviteUrl)) {
    const host = new URL(inviteUrl).host;
    // In the web client the server is whoever served the page: only its operator can change it.
    document.querySelector('#local-only-text')!.textContent = platform.openSettings
      ? t('empty_local_only_settings', host)
      : t('empty_local_only_operator', host);
    document.querySelector<HTMLElement>('#local-only-warning')!.hidden = false;
    document.querySelector<HTMLElement>('#open-settings')!.hidden = !platform.openSettings;
  }

  const update = (): void => {
    card.hidden = hidden || session.state.kind !== 'in-call' || others.size > 0;
    if (card.hidden) status.textContent = '';
  };
  const selectLink = (): void => {
    getSelection()?.selectAllChildren(link);
  };

  session.on('stateChanged', update, { signal });
  session.on('participantJoined', (peer) => (others.add(peer.id), update()), { signal });
  session.on('participantLeft', (peerId) => (others.delete(peerId), update()), { signal });
  copy.addEventListener('click', () => copyLink(inviteUrl, status, selectLink), { signal });
  dismiss.addEventListener(
    'click',
    () => {
      hidden = true;
      update();
      // The card held the focus: the invite link in the header is the same thing, kept.
      document.querySelector<HTMLElement>('#copy-invite')!.focus();
    },
    { signal },
  );
  document
    .querySelector('#open-settings')!
    .addEventListener('click', () => platform.openSettings?.(), { signal });
  signal.addEventListener('abort', () => (card.hidden = true), { once: true });
  update();
}
