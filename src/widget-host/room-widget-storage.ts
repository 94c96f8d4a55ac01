import { z } from 'zod';
import { WIDGET_LIMITS } from '../protocol/widget.js';
import { errors } from '../shared/app-error.js';
import type { WidgetStorage } from './widget-network.js';

/** Where the values live: `browser.storage.local` in the extension, a Map in the playground. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

// What is stored is read back through a schema too: storage is shared with older versions.
const storedSchema = z.record(z.string(), z.string());

/**
 * Widget storage per widget and room: one record of JSON texts per (room, widget), capped at
 * 1 MiB so a widget cannot fill the extension's quota for everyone else.
 */
export class RoomWidgetStorage implements WidgetStorage {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly room: string,
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
    const record = await this.read(widgetId);
    if (text === null) delete record[key];
    else record[key] = text;
    let bytes = 0;
    for (const [name, value] of Object.entries(record)) bytes += name.length + value.length;
    if (bytes > WIDGET_LIMITS.maxStorageBytes)
      throw errors.storageFull(WIDGET_LIMITS.maxStorageBytes);
    await this.area.set(this.keyOf(widgetId), record);
  }

  private async read(widgetId: string): Promise<Record<string, string>> {
    const parsed = storedSchema.safeParse(await this.area.get(this.keyOf(widgetId)));
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
  };
}
