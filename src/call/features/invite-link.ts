import type { CallContext } from '../call-context.js';

export const title = 'The invite link';

/** Shows the invite link and copies it, saying whether that worked. */
export function start({ inviteUrl: url }: CallContext, signal: AbortSignal): void {
  const field = document.querySelector<HTMLInputElement>('#invite-link')!;
  const status = document.querySelector<HTMLElement>('#copy-status')!;
  field.value = url;
  field.addEventListener('focus', () => field.select(), { signal });
  document.querySelector('#copy-invite')!.addEventListener(
    'click',
    () => {
      navigator.clipboard.writeText(url).then(
        () => (status.textContent = 'Invite link copied'),
        () => {
          field.select();
          status.textContent = 'Press Ctrl+C to copy the selected link';
        },
      );
    },
    { signal },
  );
}
