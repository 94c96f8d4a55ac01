/**
 * Copies `link` and says in `status` whether that worked. When the clipboard refuses (no
 * permission, page not focused), `selectLink` puts the link in the selection so Ctrl+C can.
 */
export function copyLink(link: string, status: HTMLElement, selectLink: () => void): void {
  navigator.clipboard.writeText(link).then(
    () => (status.textContent = 'Invite link copied'),
    () => {
      selectLink();
      status.textContent = 'Press Ctrl+C to copy the selected link';
    },
  );
}
