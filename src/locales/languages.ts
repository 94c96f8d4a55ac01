/**
 * The languages TFX Sessions ships, and which of them a reader gets. Beside the catalogues, and
 * importing nothing, so every part can use it: the web shell, the pages, the server.
 */

/** One language's strings, in Chrome's messages.json format. */
export type Catalogue = Record<string, { message: string; description?: string }>;

/** English first: it is the default and the fallback. */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The shipped language closest to what the reader prefers, most preferred first. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((language) => language === base);
    if (found) return found;
  }
  return 'en';
}

/** An Accept-Language header's languages, most preferred first ("es-ES,es;q=0.9,en;q=0.8"). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, weight }) => tag !== '' && tag !== '*' && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
}

/** `$1`…`$9` take the substitutions and `$$` is a dollar sign, as chrome.i18n does. */
export function formatMessage(template: string, substitutions: readonly string[]): string {
  return template.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}
