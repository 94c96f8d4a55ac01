/** How long a notice stays; the live region has announced it by then. */
const TOAST_MS = 6_000;

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

/** Clears every notice (the call ended: what they said is no longer news). */
export function clearToasts(): void {
  document.querySelector('#toasts')!.replaceChildren();
}
