import { shortHash } from '../../widget-host/bundles/installed-widgets.js';
import type { WidgetDescription } from './widget-offers.js';

export type ConsentAnswer = 'this-call' | 'always' | 'no';

/**
 * The card that asks before a widget from another person runs here: what it is (title,
 * version, author, size, the start of its SHA-256) and who it comes from, with Open for this
 * call, Always allow this widget, and No. It stays until answered: nothing runs before.
 */
export function askConsent(
  widget: WidgetDescription,
  from: string,
  /** The version of this person's own copy, when they have another one. */
  yours: string | undefined,
  /** Where the focus goes if it was on the card when it goes. */
  focusAfter: () => HTMLElement | null,
  signal: AbortSignal,
): Promise<ConsentAnswer> {
  return new Promise((resolve) => {
    const card = document.createElement('section');
    card.className = 'toast offer consent';
    card.setAttribute('aria-label', `${widget.title} from ${from}`);
    const said = document.createElement('p');
    said.textContent =
      yours === undefined
        ? `${from} opened ${widget.title}, a widget you don't have.`
        : `${from} opened ${widget.title} ${widget.version}, another copy than yours (${yours}).`;
    const details = document.createElement('p');
    details.className = 'details';
    const kib = (widget.size / 1024).toFixed(1);
    details.textContent = `${widget.title} ${widget.version} by ${widget.author} · ${kib} KiB · SHA-256 ${shortHash(widget.sha256)} · from ${from}`;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const answer = (label: string, value: ConsentAnswer, primary = false) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      if (primary) button.className = 'primary';
      button.addEventListener('click', () => close(value));
      return button;
    };
    const close = (value: ConsentAnswer) => {
      const hadFocus = card.contains(document.activeElement);
      card.remove();
      if (hadFocus) focusAfter()?.focus();
      resolve(value);
    };
    actions.append(
      answer('Open for this call', 'this-call', true),
      answer('Always allow this widget', 'always'),
      answer('No', 'no'),
    );
    card.append(said, details, actions);
    document.querySelector('#toasts')!.append(card);
    // Leaving the call answers for the person: nothing runs.
    signal.addEventListener('abort', () => card.isConnected && close('no'), { once: true });
  });
}
