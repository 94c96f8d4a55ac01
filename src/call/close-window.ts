import { t } from '../shared/i18n.js';

/**
 * The leave screen's Close window. The extension's call window and a click-to-call popup were
 * opened by script, so they close; a tab the person opened from a link cannot be closed by the
 * page, and an embedded call is not a window of its own. Those say so instead of a button that
 * does nothing.
 */
export function wireCloseWindow(button: HTMLButtonElement, heading: HTMLElement): void {
  if (window.parent !== window) {
    button.hidden = true;
    return;
  }
  button.addEventListener('click', () => {
    window.close();
    // Still here: the browser kept the tab open.
    setTimeout(() => {
      button.hidden = true;
      heading.textContent = t('left_close_tab');
    }, 300);
  });
}
