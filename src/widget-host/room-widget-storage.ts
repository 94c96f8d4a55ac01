import { z } from 'zod';
import { WIDGET_LIMITS } from '../protocol/widget.js';
import { errors } from '../shared/app-error.js';
import type { KeyValueArea } from '../platform/platform.js';
import type { WidgetStorage } from './widget-network.js';

/**
 * All widgets in all rooms together keep at most this much; past it the records of the rooms
 * used longest ago go. The extension's whole store is 10 MB, and its own settings must fit.
 */
export const MAX_WIDGET_STORAGE_BYTES = 4 * 1024 * 1024;

const INDEX_KEY = 'tfx-widget-index';

// What is stored is read back through a schema too: storage is shared with older versions.
const storedSchema = z.record(z.string(), z.string());
const indexSchema = z.record(z.string(), z.object({ bytes: z.number(), usedAt: z.number() }));
type StorageIndex = z.infer<typeof indexSchema>;

const utf8 = new TextEncoder();

/** What a record costs the store: its key and its JSON, in bytes, as chrome.storage counts. */
function costOf(key: string, record: Record<string, string>): number {
  return utf8.encode(key).byteLength + utf8.encode(JSON.stringify(record)).byteLength;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Widget storage per widget and room: one record of JSON texts per (room, widget), capped at
 * 1 MiB as stored, and all records together at MAX_WIDGET_STORAGE_BYTES, least recently used
 * rooms going first, so no widget can fill the extension's store for everyone else.
 */
export class RoomWidgetStorage implements WidgetStorage {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly room: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async get(widgetId: string, key: string): Promise<string | undefined> {
    return (await this.read(widgetId))[key];
  }

  set(widgetId: string, key: string, text: string | null): Promise<void> {
    // One write at a time, so two quick sets cannot each drop the other's key.
    const write = this.writes.then(() => this.write(widgetId, key, text));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(widgetId: string, key: string, text: string | null): Promise<void> {
    // Too long to store, whatever it encodes to: refused before any parsing.
    if (text !== null && text.length > WIDGET_LIMITS.maxStorageBytes)
      throw errors.storageFull(WIDGET_LIMITS.maxStorageBytes);
    if (text !== null && !isJson(text)) throw errors.invalidMessage('A stored value must be JSON.');
    const record = await this.read(widgetId);
    if (text === null) delete record[key];
    else record[key] = text;
    const storageKey = this.keyOf(widgetId);
    const bytes = costOf(storageKey, record);
    if (bytes > WIDGET_LIMITS.maxStorageBytes)
      throw errors.storageFull(WIDGET_LIMITS.maxStorageBytes);
    const index = await this.readIndex();
    index[storageKey] = { bytes, usedAt: this.now() };
    await this.evictPast(MAX_WIDGET_STORAGE_BYTES, index, storageKey);
    await this.area.set(storageKey, record);
    await this.area.set(INDEX_KEY, index);
  }

  /** Removes the least recently used records (never `keep`) until the total fits. */
  private async evictPast(limit: number, index: StorageIndex, keep: string): Promise<void> {
    let total = Object.values(index).reduce((sum, entry) => sum + entry.bytes, 0);
    const oldestFirst = Object.entries(index)
      .filter(([storageKey]) => storageKey !== keep)
      .sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [storageKey, entry] of oldestFirst) {
      if (total <= limit) return;
      await this.area.remove(storageKey);
      delete index[storageKey];
      total -= entry.bytes;
    }
  }

  private async read(widgetId: string): Promise<Record<string, string>> {
    const parsed = storedSchema.safeParse(await this.area.get(this.keyOf(widgetId)));
    return parsed.success ? { ...parsed.data } : {};
  }

  private async readIndex(): Promise<StorageIndex> {
    const parsed = indexSchema.safeParse(await this.area.get(INDEX_KEY));
    return parsed.success ? { ...parsed.data } : {};
  }

  private keyOf(widgetId: string): string {
    return `tfx-widget:${this.room}:${widgetId}`;
  }
}

export function memoryArea(): KeyValueArea {
  const values = new Map<string, unknown>();
  return {
    get: (key) => Promise.resolve(values.get(key)),
    set: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    remove: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}
