import type { CallContext } from '../call-context.js';
import { t, type MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_shortcuts';

interface Shortcut {
  keys: string;
  /** `aria-keyshortcuts` syntax, also what a key event is matched against. */
  aria: string;
  what: MessageKey;
  /** The control it presses, so a shortcut does exactly what the button does. */
  button: string;
}

/** Meet's keys where Meet has one, so people's habits work here. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'Ctrl + D',
    aria: 'Control+D',
    what: 'shortcut_microphone',
    button: '#toggle-mic',
  },
  {
    keys: 'Ctrl + E',
    aria: 'Control+E',
    what: 'shortcut_camera',
    button: '#toggle-camera',
  },
  {
    keys: 'Ctrl + Alt + H',
    aria: 'Control+Alt+H',
    what: 'shortcut_hand',
    button: '#raise-hand',
  },
  { keys: '?', aria: 'Shift+?', what: 'shortcut_list', button: '#show-shortcuts' },
];

function matches(event: KeyboardEvent, aria: string): boolean {
  const parts = aria.split('+');
  const key = parts.at(-1)!;
  const wants = (modifier: string) => parts.includes(modifier);
  if (key === '?') return event.key === '?' && !event.ctrlKey && !event.altKey && !event.metaKey;
  return (
    event.key.toLowerCase() === key.toLowerCase() &&
    event.ctrlKey === wants('Control') &&
    event.altKey === wants('Alt') &&
    event.shiftKey === wants('Shift')
  );
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The call's keyboard shortcuts. Each one clicks the button it stands for, so it is refused
 * exactly when the button is (disabled, or not shown yet); buttons name their shortcut in
 * `aria-keyshortcuts` and their tooltip. "?" lists them all.
 */
export function start(_ctx: CallContext, signal: AbortSignal): void {
  const dialog = document.querySelector<HTMLDialogElement>('#shortcuts-dialog')!;
  const list = document.querySelector<HTMLElement>('#shortcut-list')!;
  list.replaceChildren(
    ...SHORTCUTS.flatMap(({ keys, what }) => {
      const term = document.createElement('dt');
      term.append(
        ...keys.split(' + ').flatMap((key, index) => {
          const kbd = document.createElement('kbd');
          kbd.textContent = key;
          return index === 0 ? [kbd] : [' + ', kbd];
        }),
      );
      const description = document.createElement('dd');
      description.textContent = t(what);
      return [term, description];
    }),
  );
  for (const { aria, keys, button } of SHORTCUTS) {
    const control = document.querySelector<HTMLButtonElement>(button);
    if (!control) continue;
    control.setAttribute('aria-keyshortcuts', aria);
    control.title = `${control.title ? `${control.title} ` : ''}(${keys})`;
  }
  document
    .querySelector('#show-shortcuts')!
    .addEventListener('click', () => dialog.showModal(), { signal });
  document.addEventListener(
    'keydown',
    (event) => {
      const shortcut = SHORTCUTS.find(({ aria }) => matches(event, aria));
      if (!shortcut) return;
      // "?" is a character someone may be typing; the Ctrl shortcuts are not.
      if (shortcut.aria === 'Shift+?' && typingIn(event.target)) return;
      const control = document.querySelector<HTMLButtonElement>(shortcut.button);
      if (!control || control.disabled || control.closest('[hidden]')) return;
      // Ctrl+D would bookmark the page and Ctrl+E search: in a call they mean the call.
      event.preventDefault();
      control.click();
    },
    { signal },
  );
}
