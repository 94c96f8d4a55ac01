import type { CallContext } from '../call-context.js';
import { copyLink } from './copy-link.js';
import type { MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_invite_link';

/** Shows the invite link and copies it, saying whether that worked. */
export function start({ inviteUrl: url }: CallContext, signal: AbortSignal): void {
  const field = document.querySelector<HTMLInputElement>('#invite-link')!;
  const status = document.querySelector<HTMLElement>('#copy-status')!;
  field.value = url;
  field.addEventListener('focus', () => field.select(), { signal });
  document
    .querySelector('#copy-invite')!
    .addEventListener('click', () => copyLink(url, status, () => field.select()), { signal });
}
