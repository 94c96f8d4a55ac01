import { cpp } from '@codemirror/lang-cpp';
import { css } from '@codemirror/lang-css';
import { go } from '@codemirror/lang-go';
import { html } from '@codemirror/lang-html';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { rust } from '@codemirror/lang-rust';
import { sql } from '@codemirror/lang-sql';
import type { LanguageSupport } from '@codemirror/language';

/** The languages the picker offers, in its order; the first is the default. */
export const LANGUAGES = [
  { id: 'javascript', label: 'JavaScript', support: () => javascript() },
  { id: 'typescript', label: 'TypeScript', support: () => javascript({ typescript: true }) },
  { id: 'python', label: 'Python', support: () => python() },
  { id: 'java', label: 'Java', support: () => java() },
  { id: 'cpp', label: 'C / C++', support: () => cpp() },
  { id: 'go', label: 'Go', support: () => go() },
  { id: 'rust', label: 'Rust', support: () => rust() },
  { id: 'html', label: 'HTML', support: () => html() },
  { id: 'css', label: 'CSS', support: () => css() },
  { id: 'sql', label: 'SQL', support: () => sql() },
  { id: 'json', label: 'JSON', support: () => json() },
  { id: 'markdown', label: 'Markdown', support: () => markdown() },
] as const satisfies readonly { id: string; label: string; support: () => LanguageSupport }[];

export type LanguageId = (typeof LANGUAGES)[number]['id'];

/** The language named by a shared setting; anything unknown (a peer's bad value) is the default. */
export function languageById(id: unknown): (typeof LANGUAGES)[number] {
  return LANGUAGES.find((language) => language.id === id) ?? LANGUAGES[0];
}
