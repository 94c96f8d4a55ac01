import type { Theme } from '../protocol/widget.js';

const DARK = '(prefers-color-scheme: dark)';

/** The person's system setting for light or dark colours, as this page reads it. */
export function systemTheme(): Theme {
  return matchMedia(DARK).matches ? 'dark' : 'light';
}

/** Calls `handler` each time the system setting flips, for as long as `signal` lives. */
export function onSystemThemeChanged(handler: (theme: Theme) => void, signal: AbortSignal): void {
  matchMedia(DARK).addEventListener('change', () => handler(systemTheme()), { signal });
}
