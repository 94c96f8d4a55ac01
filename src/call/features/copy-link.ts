import { t } from '../../shared/i18n.js';

/**
 * Copies `link` and says in `status` whether that worked. When the clipboard refuses (no
 * permission, page not focused), `selectLink` puts the link in the selection so Ctrl+C can.
 */
export function copyLink(link: string, status: HTMLElement, selectLink: () => void): void {
  navigator.clipboard.writeText(link).then(
    () => (status.textContent = t('copy_link_copied')),
    () => {
      selectLink();
      status.textContent = t('copy_link_press_ctrl_c');
    },
  );
}
