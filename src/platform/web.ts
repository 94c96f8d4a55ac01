import type { KeyValueArea, Platform, TabStorage } from './platform.js';
import { pickLanguage, type Catalogue } from '../locales/languages.js';

/**
 * The catalogues, one small file each, fetched when the page needs its language: the web
 * client has no chrome.i18n.
 */
const CATALOGUES = import.meta.glob<Catalogue>('../locales/*/messages.json', { import: 'default' });

/**
 * Web Storage, holding JSON text. A full or blocked store (private windows, quota) throws
 * from set, which the callers already treat as "could not remember".
 */
/**
 * The browser's store, or one in memory for this page's life when the browser denies it: a
 * call embedded in another site is a third-party frame, whose storage is blocked wherever
 * third-party cookies are. Nothing is remembered then; the call still works.
 */
function storageOr(pick: () => Storage): TabStorage {
  try {
    const storage = pick();
    storage.getItem('probe');
    return storage;
  } catch {
    const values = new Map<string, string>();
    return {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    };
  }
}

function area(storage: TabStorage): KeyValueArea {
  // Promise.try-style: a throw (quota, blocked storage) becomes a rejection, as in chrome.storage.
  const later = <T>(run: () => T): Promise<T> => new Promise((resolve) => resolve(run()));
  return {
    get: (key) =>
      later(() => {
        const text = storage.getItem(key);
        if (text === null) return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return undefined; // a hand edit: read as nothing stored, as the extension's parsers do
        }
      }),
    set: (key, value) => later(() => storage.setItem(key, JSON.stringify(value))),
    remove: (key) => later(() => storage.removeItem(key)),
  };
}

/**
 * The web client, served by the signalling server: it uses that server and no other, and
 * Web Storage on the server's origin. The server serves every packaged widget page under the
 * widget sandbox CSP (src/server/static-files.ts), so each is an opaque origin.
 */
const tabSession = storageOr(() => sessionStorage);

export const platform: Platform = {
  kind: 'web',
  local: area(storageOr(() => localStorage)),
  session: area(tabSession),
  tab: tabSession,
  sandboxedWidgetPages: () => 'every-packaged-page',
  fixedServer: location.origin,
  openSettings: undefined,
  reachesOtherOrigins: false,
  messageCatalogue: () =>
    CATALOGUES[`../locales/${pickLanguage(navigator.languages)}/messages.json`]?.() ??
    Promise.resolve(undefined),
};
