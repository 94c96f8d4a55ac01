import { t } from '../../shared/i18n.js';

/** How long a notice stays; the live region has announced it by then. */
const TOAST_MS = 6_000;
/** How long an offer stays: long enough to finish a sentence; the same choice stays elsewhere. */
const OFFER_MS = 20_000;

/**
 * A short notice at the top of the stage (who joined, left, raised a hand, reacted). They go
 * into one polite live region, so a screen reader says each without interrupting.
 */
export function showToast(text: string): void {
  const item = document.createElement('p');
  item.className = 'toast';
  item.textContent = text;
  document.querySelector('#toasts')!.append(item);
  setTimeout(() => item.remove(), TOAST_MS);
}

export interface OfferAction {
  /** What the button shows ("Show"). */
  label: string;
  /** Its accessible name, which contains the label ("Show Code"). */
  name: string;
  run: () => void;
}

/**
 * A notice with something to do about it ("Ana opened Code · Show"), announced like a toast.
 * It stays until acted on, dismissed or timed out; the caller also gets `remove` for when the
 * offer stops making sense. An offer is never the only way to act: it only saves a step.
 */
export function showOffer(
  text: string,
  action: OfferAction,
  /** Where the focus goes if it was on the offer when it goes. */
  focusAfter: () => HTMLElement | null,
): () => void {
  const item = document.createElement('p');
  item.className = 'toast offer';
  const act = document.createElement('button');
  act.type = 'button';
  act.className = 'primary';
  act.textContent = action.label;
  act.setAttribute('aria-label', action.name);
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = t('toast_not_now');
  const remove = (): void => {
    clearTimeout(timer);
    // The focus was on the offer: it goes back to the page, not into nothing.
    const hadFocus = item.contains(document.activeElement);
    item.remove();
    if (hadFocus) focusAfter()?.focus();
  };
  act.addEventListener('click', () => {
    remove();
    action.run();
  });
  dismiss.addEventListener('click', remove);
  item.append(text, ' ', act, dismiss);
  document.querySelector('#toasts')!.append(item);
  const timer = setTimeout(remove, OFFER_MS);
  return remove;
}

/** Clears every notice (the call ended: what they said is no longer news). */
export function clearToasts(): void {
  document.querySelector('#toasts')!.replaceChildren();
}
