/**
 * What the call needs from the shell it runs in: the extension or the web client. Everything
 * above this seam (the call, its features, the widget platform) is the same code in both; only
 * the two implementations beside this file know which shell they are in.
 */
import type { Catalogue } from '../locales/languages.js';

/** A small key-value store whose values are JSON-compatible. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A store read and written at once: this tab's own, surviving a reload of the page. */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Platform {
  /** Shown to the person: 'in browser' is the web client's small note. */
  readonly kind: 'extension' | 'web';
  /** Kept across restarts: settings, the remembered name, widgets' own storage. */
  readonly local: KeyValueArea;
  /** Gone when the browser closes: a room password handed from one page to the next. */
  readonly session: KeyValueArea;
  /** This tab's, kept over a reload: the token that rejoins the call as the same person. */
  readonly tab: TabStorage;
  /**
   * The widget pages this shell serves sandboxed (an opaque origin under the widget CSP). A
   * registry entry naming any other page is refused, since it would run with the shell's powers.
   */
  sandboxedWidgetPages(): ReadonlySet<string> | 'every-packaged-page';
  /**
   * The one signalling server this shell may use, when it has no choice: the web client talks
   * only to the server that served it. Undefined in the extension, whose Settings choose.
   */
  readonly fixedServer: string | undefined;
  /** Opens where the person sets the server; undefined where they cannot (the web client). */
  readonly openSettings: (() => void) | undefined;
  /**
   * Whether this shell's pages may connect to other origins: the extension's may (a widget in
   * development from `npm run widget:dev`, a look at why a web app did not start); the web
   * client's may connect only to their own server.
   */
  readonly reachesOtherOrigins: boolean;
  /**
   * The reader's strings where the shell has no chrome.i18n (the web client fetches its
   * catalogue); undefined in the extension. Handed to `useCatalogue` before anything shows.
   */
  messageCatalogue(): Promise<Catalogue | undefined>;
}
