import type { LanguageSupport } from '@codemirror/language';

/**
 * The languages the picker offers, in its order; the first is the default. Each is a chunk of
 * its own, fetched when someone in the call picks it: the editor opens without them (every
 * language in one bundle made the widget 346 KB gzipped before anyone typed).
 */
export const LANGUAGES = [
  {
    id: 'javascript',
    label: 'JavaScript',
    load: async () => (await import('@codemirror/lang-javascript')).javascript(),
  },
  {
    id: 'typescript',
    label: 'TypeScript',
    load: async () =>
      (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  },
  {
    id: 'python',
    label: 'Python',
    load: async () => (await import('@codemirror/lang-python')).python(),
  },
  { id: 'java', label: 'Java', load: async () => (await import('@codemirror/lang-java')).java() },
  { id: 'cpp', label: 'C / C++', load: async () => (await import('@codemirror/lang-cpp')).cpp() },
  { id: 'go', label: 'Go', load: async () => (await import('@codemirror/lang-go')).go() },
  { id: 'rust', label: 'Rust', load: async () => (await import('@codemirror/lang-rust')).rust() },
  { id: 'html', label: 'HTML', load: async () => (await import('@codemirror/lang-html')).html() },
  { id: 'css', label: 'CSS', load: async () => (await import('@codemirror/lang-css')).css() },
  { id: 'sql', label: 'SQL', load: async () => (await import('@codemirror/lang-sql')).sql() },
  { id: 'json', label: 'JSON', load: async () => (await import('@codemirror/lang-json')).json() },
  {
    id: 'markdown',
    label: 'Markdown',
    load: async () => (await import('@codemirror/lang-markdown')).markdown(),
  },
] as const satisfies readonly {
  id: string;
  label: string;
  load: () => Promise<LanguageSupport>;
}[];

export type LanguageId = (typeof LANGUAGES)[number]['id'];

/** The language named by a shared setting; anything unknown (a peer's bad value) is the default. */
export function languageById(id: unknown): (typeof LANGUAGES)[number] {
  return LANGUAGES.find((language) => language.id === id) ?? LANGUAGES[0];
}
