/**
 * The server's own pages speak the reader's language, chosen from Accept-Language, from the same
 * catalogues as the extension.
 */
import en from '../locales/en/messages.json' with { type: 'json' };
import es from '../locales/es/messages.json' with { type: 'json' };
import de from '../locales/de/messages.json' with { type: 'json' };
import fr from '../locales/fr/messages.json' with { type: 'json' };
import hi from '../locales/hi/messages.json' with { type: 'json' };
import {
  acceptedLanguages,
  formatMessage,
  pickLanguage,
  type Catalogue,
  type Language,
} from '../locales/languages.js';
import { ERROR_CODES, type ErrorCode } from '../shared/app-error.js';

export type MessageKey = keyof typeof en;

const CATALOGUES: Record<Language, Catalogue> = { en, es, de, fr, hi };

export interface PageText {
  language: Language;
  t: (key: MessageKey, ...substitutions: (string | number)[]) => string;
  /** Every error's wording, for a page's script to show what the extension answered. */
  errors: Record<ErrorCode, string>;
}

/** Error codes to their catalogue keys: `ROOM_FULL` is `error_room_full`. */
const errorKey = (code: ErrorCode) => `error_${code.toLowerCase()}` as MessageKey;

export function pageText(acceptLanguage: string | undefined): PageText {
  const language = pickLanguage(acceptedLanguages(acceptLanguage));
  const catalogue = CATALOGUES[language];
  const t: PageText['t'] = (key, ...substitutions) =>
    formatMessage(catalogue[key]?.message ?? en[key].message, substitutions.map(String));
  const errors = Object.fromEntries(ERROR_CODES.map((code) => [code, t(errorKey(code))]));
  return { language, t, errors: errors as Record<ErrorCode, string> };
}
