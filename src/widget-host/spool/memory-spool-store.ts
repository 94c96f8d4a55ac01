import type { SpoolFile, SpoolStore } from './spool-store.js';

// Bytes are gathered into Blobs of this size: Chromium keeps a Blob's bytes outside the page's
// JavaScript heap, so the page holds at most one group at a time, whatever the size.
const GROUP_BYTES = 16 * 1024 * 1024;

/**
 * The spool of a page with no disk of its own (no origin private file system): the browser's
 * Blob storage, which holds the bytes in memory until they are saved.
 */
export const memorySpoolStore: SpoolStore = {
  create: () => Promise.resolve(new MemorySpoolFile()),
};

class MemorySpoolFile implements SpoolFile {
  private readonly groups: Blob[] = [];
  private group: Uint8Array<ArrayBuffer>[] = [];
  private groupBytes = 0;

  write(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    this.group.push(bytes);
    this.groupBytes += bytes.byteLength;
    if (this.groupBytes >= GROUP_BYTES) this.closeGroup();
    return Promise.resolve();
  }

  finish(name: string, type: string): Promise<File> {
    this.closeGroup();
    return Promise.resolve(new File(this.groups, name, { type }));
  }

  remove(): Promise<void> {
    this.group = [];
    this.groups.length = 0;
    return Promise.resolve();
  }

  private closeGroup(): void {
    if (this.group.length === 0) return;
    this.groups.push(new Blob(this.group));
    this.group = [];
    this.groupBytes = 0;
  }
}
