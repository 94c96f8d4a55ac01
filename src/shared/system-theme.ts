// The same two words as the widget wire's Theme (src/protocol/widget.ts), which this lower layer
// cannot import; the compiler checks they stay assignable where the host passes one on.
export type Theme = 'light' | 'dark';

const DARK = '(prefers-color-scheme: dark)';

/** The person's system setting for light or dark colours, as this page reads it. */
export function systemTheme(): Theme {
  return matchMedia(DARK).matches ? 'dark' : 'light';
}

/** Calls `handler` each time the system setting flips, for as long as `signal` lives. */
export function onSystemThemeChanged(handler: (theme: Theme) => void, signal: AbortSignal): void {
  matchMedia(DARK).addEventListener('change', () => handler(systemTheme()), { signal });
}
