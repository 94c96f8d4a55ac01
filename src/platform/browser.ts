// The one import of webextension-polyfill: swap it for the native `browser`/`chrome`
// namespace here when the polyfill goes.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime } from 'webextension-polyfill';
