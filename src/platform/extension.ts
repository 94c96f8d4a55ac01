import { browser } from './browser.js';
import type { KeyValueArea, Platform } from './platform.js';
import { pickLanguage, type Catalogue } from '../locales/languages.js';

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
  messageCatalogue: async () => {
    // chrome.i18n has the browser's language, or English, from the package's _locales. A page
    // opened right as the extension is installed (the welcome page, a test's first page) can
    // find its strings not loaded yet: getMessage answers '' for every key. That page reads the
    // same file itself.
    if (browser.i18n.getMessage('language_code') !== '') return undefined;
    const language = pickLanguage([browser.i18n.getUILanguage()]);
    const response = await fetch(browser.runtime.getURL(`_locales/${language}/messages.json`));
    return (await response.json()) as Catalogue;
  },
};
