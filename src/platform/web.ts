import type { KeyValueArea, Platform } from './platform.js';

/**
 * Web Storage, holding JSON text. A full or blocked store (private windows, quota) throws
 * from set, which the callers already treat as "could not remember".
 */
function area(storage: () => Storage): KeyValueArea {
  // Promise.try-style: a throw (quota, blocked storage) becomes a rejection, as in chrome.storage.
  const later = <T>(run: () => T): Promise<T> => new Promise((resolve) => resolve(run()));
  return {
    get: (key) =>
      later(() => {
        const text = storage().getItem(key);
        if (text === null) return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return undefined; // a hand edit: read as nothing stored, as the extension's parsers do
        }
      }),
    set: (key, value) => later(() => storage().setItem(key, JSON.stringify(value))),
    remove: (key) => later(() => storage().removeItem(key)),
  };
}

/**
 * The web client, served by the signalling server: it uses that server and no other, and
 * Web Storage on the server's origin. The server serves every packaged widget page under the
 * widget sandbox CSP (src/server/static-files.ts), so each is an opaque origin.
 */
export const platform: Platform = {
  kind: 'web',
  local: area(() => localStorage),
  session: area(() => sessionStorage),
  sandboxedWidgetPages: () => 'every-packaged-page',
  fixedServer: location.origin,
  openSettings: undefined,
};
