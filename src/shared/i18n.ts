/**
 * Every string a person reads comes from one catalogue per language, in Chrome's own format
 * (src/locales/<language>/messages.json, which the extension build ships as _locales/). The
 * extension looks strings up with chrome.i18n, in the browser's language; the web client, the
 * server's pages and Node load a catalogue themselves (useCatalogue).
 */
import type englishCatalogue from '../locales/en/messages.json';
import { formatMessage, type Catalogue } from '../locales/languages.js';

export { formatMessage };

export type MessageKey = keyof typeof englishCatalogue;

type Lookup = (key: string, substitutions: string[]) => string;

interface ChromeI18n {
  getMessage(key: string, substitutions?: string[]): string;
}

let installed: Lookup | undefined;

/** Looks strings up in this catalogue from now on, instead of chrome.i18n. */
export function useCatalogue(catalogue: Catalogue): void {
  installed = (key, substitutions) => formatMessage(catalogue[key]?.message ?? '', substitutions);
}

/**
 * Makes the reader's strings ready: the shell hands over a catalogue where chrome.i18n cannot
 * answer (the web client, a page opened as the extension installs). Call before showing text.
 */
export async function prepareMessages(shell: {
  messageCatalogue(): Promise<Catalogue | undefined>;
}): Promise<void> {
  const catalogue = await shell.messageCatalogue();
  if (catalogue) useCatalogue(catalogue);
}

function chromeLookup(): Lookup | undefined {
  const i18n = (globalThis as { chrome?: { i18n?: ChromeI18n } }).chrome?.i18n;
  return i18n?.getMessage ? (key, substitutions) => i18n.getMessage(key, substitutions) : undefined;
}

/**
 * The string for `key` in the reader's language. A key no catalogue has shows as itself, so a
 * gap is seen rather than silently blank (the catalogue test keeps there being none).
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const lookup = installed ?? chromeLookup();
  return lookup?.(key, substitutions.map(String)) || key;
}

/** The language of the catalogue in use (each names its own), for `<html lang>`. */
export function currentLanguage(): string {
  return t('language_code');
}

/** The attributes a page marks for translation: `data-i18n-aria-label="key"` and so on. */
export const TRANSLATED_ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt'] as const;

/**
 * Sets an element's text to a message, whose `<code>…</code>` spans become code elements: the
 * only markup a message may carry, built as nodes, so a translation can never inject any.
 */
export function setMessageText(element: Element, message: string): void {
  const document = element.ownerDocument;
  element.replaceChildren(
    ...message.split(/<code>(.*?)<\/code>/).map((part, index) => {
      if (index % 2 === 0) return document.createTextNode(part);
      const code = document.createElement('code');
      code.textContent = part;
      return code;
    }),
  );
}

/**
 * Puts the reader's language into a page's marked elements: `data-i18n="key"` sets the text,
 * `data-i18n-<attribute>="key"` the attribute.
 */
export function translatePage(root: Document): void {
  root.documentElement.lang = currentLanguage();
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    setMessageText(element, t(element.dataset.i18n as MessageKey));
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) as MessageKey;
      element.setAttribute(attribute, t(key));
    }
  }
}
