import type { CallContext } from '../call-context.js';
import { setIcon } from './control-icons.js';
import type { MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_control_bar';

/**
 * The control bar's frame: icons on its buttons, and its menus (microphone, camera, widgets,
 * more). Menus are popovers, so Escape and a click elsewhere close them; each opens above its
 * button, says so on the button (`aria-expanded`), and takes the focus to its first control.
 */
export function start(_ctx: CallContext, signal: AbortSignal): void {
  const bar = document.querySelector<HTMLElement>('#controls')!;
  for (const button of bar.querySelectorAll<HTMLElement>('[data-icon]'))
    setIcon(button, button.dataset.icon!);
  for (const menu of bar.querySelectorAll<HTMLElement>('[popover]')) {
    const opener = bar.querySelector<HTMLButtonElement>(`[popovertarget="${menu.id}"]`);
    if (!opener) continue;
    opener.setAttribute('aria-expanded', 'false');
    menu.addEventListener(
      'toggle',
      (event) => {
        const open = event.newState === 'open';
        opener.setAttribute('aria-expanded', String(open));
        if (!open) return;
        const box = opener.getBoundingClientRect();
        menu.style.left = `${Math.max(8, Math.min(box.left, innerWidth - menu.offsetWidth - 8))}px`;
        menu.style.bottom = `${innerHeight - box.top + 8}px`;
        menu.querySelector<HTMLElement>('button:not([disabled]), select')?.focus();
      },
      { signal },
    );
    // A choice made in the widgets or the more menu closes it; device pickers stay open.
    if (menu.id === 'widgets-menu' || menu.id === 'more-menu')
      menu.addEventListener(
        'click',
        (event) => {
          if ((event.target as Element).closest('button')) menu.hidePopover();
        },
        { signal },
      );
  }
}
