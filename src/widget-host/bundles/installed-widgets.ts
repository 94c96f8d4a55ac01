/**
 * The widgets a person added to this browser (packed .tfxwidget files), kept in IndexedDB:
 * chrome.storage's 10 MB would hold one large widget. Each is kept as the packed bytes it was
 * added as and read again, with every check, whenever it is used. `idb` wraps IndexedDB's
 * events in promises (1 KB, well kept) rather than another hand-written wrapper.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { accepted, refused, type Parsed } from '../../protocol/parsed.js';
import { readBundle, type WidgetBundle } from './read-bundle.js';

/** A packed widget read and checked, with the packed bytes it came as (what a peer is sent). */
export interface PackedWidget extends WidgetBundle {
  bytes: Uint8Array;
}

/** What Settings lists about an installed widget. */
export interface InstalledWidgetSummary {
  id: string;
  title: string;
  version: string;
  author: string;
  /** Where it came from: the file's name. */
  source: string;
  sha256: string;
  size: number;
  installedAt: number;
}

interface StoredWidget extends InstalledWidgetSummary {
  bytes: Uint8Array;
}

/** A web app added by its address: framed as that page, as a registry web app is. */
export interface InstalledWebApp {
  id: string;
  title: string;
  /** The page, https only; its origin is what a person trusts when they add it. */
  url: string;
  installedAt: number;
}

interface WidgetsDb extends DBSchema {
  installed: { key: string; value: StoredWidget };
  webapps: { key: string; value: InstalledWebApp };
}

const DB_NAME = 'tfx-widgets';

/** An address a web app may have: https, no user name or password in it. */
export function webAppUrl(address: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return refused('url: is not a web address');
  }
  if (url.protocol !== 'https:') return refused('url: must start with https://');
  if (url.username || url.password) return refused('url: must not hold a user name or password');
  return accepted(url.toString());
}

/** The first 12 hex digits of a SHA-256: enough for a person to compare two. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

export class InstalledWidgets {
  private constructor(private readonly db: IDBPDatabase<WidgetsDb>) {}

  static async open(): Promise<InstalledWidgets> {
    const db = await openDB<WidgetsDb>(DB_NAME, 2, {
      upgrade: (database, oldVersion) => {
        if (oldVersion < 1) database.createObjectStore('installed', { keyPath: 'id' });
        if (oldVersion < 2) database.createObjectStore('webapps', { keyPath: 'id' });
      },
    });
    return new InstalledWidgets(db);
  }

  async list(): Promise<InstalledWidgetSummary[]> {
    const all = await this.db.getAll('installed');
    return all
      .map((stored): InstalledWidgetSummary => {
        const summary: Partial<StoredWidget> = { ...stored };
        delete summary.bytes;
        return summary as InstalledWidgetSummary;
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  /**
   * Checks and keeps a packed widget. Refused with the reader's coded reason, or because a
   * built-in widget already has its id; a newer copy of an installed one replaces it.
   */
  async add(
    bytes: Uint8Array,
    source: string,
    builtInIds: ReadonlySet<string>,
  ): Promise<Parsed<InstalledWidgetSummary>> {
    const read = await readBundle(bytes);
    if (!read.ok) return read;
    const { entry, sha256, size } = read.value;
    if (builtInIds.has(entry.id))
      return refused(
        `BUNDLE_BAD_MANIFEST: id: "${entry.id}" is a built-in widget's; give yours another id`,
      );
    const summary: InstalledWidgetSummary = {
      id: entry.id,
      title: entry.title,
      version: entry.version,
      author: entry.author,
      source,
      sha256,
      size,
      installedAt: Date.now(),
    };
    await this.db.put('installed', { ...summary, bytes });
    return accepted(summary);
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('installed', id);
    await this.db.delete('webapps', id);
  }

  /**
   * Keeps a web app by its https address and a title the person gives it. Its id comes from
   * its address, so adding the same page twice replaces it.
   */
  async addWebApp(address: string, title: string): Promise<Parsed<InstalledWebApp>> {
    const url = webAppUrl(address);
    if (!url.ok) return url;
    const name = title.trim();
    if (name === '' || name.length > 40) return refused('title: must be 1–40 characters');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url.value));
    const tag = [...new Uint8Array(digest).slice(0, 4)]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
    const host = new URL(url.value).hostname.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const id = `web-${host.replace(/^-+|-+$/g, '').slice(0, 26) || 'app'}-${tag}`;
    const app: InstalledWebApp = { id, title: name, url: url.value, installedAt: Date.now() };
    await this.db.put('webapps', app);
    return accepted(app);
  }

  async listWebApps(): Promise<InstalledWebApp[]> {
    return (await this.db.getAll('webapps')).sort((a, b) => a.title.localeCompare(b.title));
  }

  /**
   * Every installed widget, read again: a stored copy that no longer passes (edited, or
   * checked by stricter rules since) is skipped and reported, the others load.
   */
  async load(): Promise<{ bundles: PackedWidget[]; errors: string[] }> {
    const bundles: PackedWidget[] = [];
    const errors: string[] = [];
    for (const stored of await this.db.getAll('installed')) {
      const read = await readBundle(stored.bytes, stored.sha256);
      if (read.ok) bundles.push({ ...read.value, bytes: stored.bytes });
      else errors.push(`${stored.title}: ${read.reason}`);
    }
    return { bundles, errors };
  }
}
