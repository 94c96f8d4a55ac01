import { shortHash } from '../../widget-host/bundles/installed-widgets.js';
import type { WebAppDescription, WidgetDescription } from './widget-offers.js';
import { t } from '../../shared/i18n.js';

export type ConsentAnswer = 'this-call' | 'always' | 'no';

/**
 * The card that asks before a widget from another person runs here: what it is and who it
 * comes from, with Open for this call, Always allow this widget, and No. It stays until
 * answered: nothing runs before.
 */
function askWith(
  name: string,
  said: string,
  details: string,
  focusAfter: () => HTMLElement | null,
  signal: AbortSignal,
): Promise<ConsentAnswer> {
  return new Promise((resolve) => {
    const card = document.createElement('section');
    card.className = 'toast offer consent';
    card.setAttribute('aria-label', name);
    const first = document.createElement('p');
    first.textContent = said;
    const second = document.createElement('p');
    second.className = 'details';
    second.textContent = details;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const close = (value: ConsentAnswer) => {
      const hadFocus = card.contains(document.activeElement);
      card.remove();
      if (hadFocus) focusAfter()?.focus();
      resolve(value);
    };
    const answer = (label: string, value: ConsentAnswer, primary = false) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      if (primary) button.className = 'primary';
      button.addEventListener('click', () => close(value));
      return button;
    };
    actions.append(
      answer(t('consent_this_call'), 'this-call', true),
      answer(t('consent_always'), 'always'),
      answer(t('consent_no'), 'no'),
    );
    card.append(first, second, actions);
    document.querySelector('#toasts')!.append(card);
    // Leaving the call answers for the person: nothing runs.
    signal.addEventListener('abort', () => card.isConnected && close('no'), { once: true });
  });
}

/** A packed widget: its title, version, author, size and the start of its SHA-256. */
export function askConsent(
  widget: WidgetDescription,
  from: string,
  /** The version of this person's own copy, when they have another one. */
  yours: string | undefined,
  focusAfter: () => HTMLElement | null,
  signal: AbortSignal,
): Promise<ConsentAnswer> {
  const kib = (widget.size / 1024).toFixed(1);
  return askWith(
    t('consent_title', widget.title, from),
    yours === undefined
      ? t('consent_widget_new', from, widget.title)
      : t('consent_widget_other_copy', from, widget.title, widget.version, yours),
    t(
      'consent_widget_details',
      `${widget.title} ${widget.version}`,
      widget.author,
      kib,
      shortHash(widget.sha256),
      from,
    ),
    focusAfter,
    signal,
  );
}

/** A web app: the site it runs from, since that is what the person trusts. */
export function askConsentToWebApp(
  app: WebAppDescription,
  from: string,
  focusAfter: () => HTMLElement | null,
  signal: AbortSignal,
): Promise<ConsentAnswer> {
  const origin = new URL(app.url).origin;
  return askWith(
    t('consent_title', app.title, from),
    t('consent_webapp_new', from, app.title),
    t('consent_webapp_details', origin, from),
    focusAfter,
    signal,
  );
}
