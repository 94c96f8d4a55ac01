import { browser } from './browser.js';
import type { KeyValueArea, Platform } from './platform.js';

function area(storage: typeof browser.storage.local): KeyValueArea {
  return {
    get: async (key) => (await storage.get(key))[key],
    set: (key, value) => storage.set({ [key]: value }),
    remove: (key) => storage.remove(key),
  };
}

/** The extension: chrome.storage, and the pages its manifest sandboxes. */
export const platform: Platform = {
  kind: 'extension',
  local: area(browser.storage.local),
  session: area(browser.storage.session),
  // Read when used: the service worker, which loads this file too, has no sessionStorage.
  get tab() {
    return sessionStorage;
  },
  sandboxedWidgetPages: () => {
    const { sandbox } = browser.runtime.getManifest() as { sandbox?: { pages?: string[] } };
    return new Set(sandbox?.pages ?? []);
  },
  fixedServer: undefined,
  openSettings: () => void browser.runtime.openOptionsPage(),
  reachesOtherOrigins: true,
  // chrome.i18n has the browser's language, or English, from the package's _locales.
  messageCatalogue: () => Promise.resolve(undefined),
};
