import { memorySpoolStore } from './memory-spool-store.js';
import type { SpoolFile, SpoolStore } from './spool-store.js';

const FOLDER_PREFIX = 'spool-';
const lockName = (folder: string) => `tfx-spool:${folder}`;

/**
 * Spools on disk, in the page's origin private file system: the browser writes each piece to a
 * file as it comes, so a 1 GiB file received in a call does not sit in memory until it is saved.
 * Each page keeps its spools in a folder of its own and holds a Web Lock named after it while
 * it lives. Folders whose lock nobody holds belong to pages that have closed (or crashed): the
 * next page that makes a store removes them at once. Where the page has no such file system, or
 * it fails, spools stay in memory as before.
 */
export function opfsSpoolStore(): SpoolStore {
  const swept = sweepAbandoned().catch(() => undefined);
  let folder: Promise<FileSystemDirectoryHandle> | undefined;
  let next = 0;
  return {
    async create(): Promise<SpoolFile> {
      try {
        folder ??= swept.then(openOwnFolder);
        const handle = await (await folder).getFileHandle(String(next++), { create: true });
        return new DiskSpoolFile(await folder, handle, await handle.createWritable());
      } catch {
        return memorySpoolStore.create();
      }
    },
  };
}

async function openOwnFolder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  const name = `${FOLDER_PREFIX}${crypto.randomUUID()}`;
  // The lock is taken before the folder exists, so no other page's sweep can remove it.
  await new Promise<void>((held) => {
    void navigator.locks.request(lockName(name), () => {
      held();
      return new Promise<never>(() => undefined); // released when this page goes away
    });
  });
  return root.getDirectoryHandle(name, { create: true });
}

async function sweepAbandoned(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) {
    if (!name.startsWith(FOLDER_PREFIX)) continue;
    await navigator.locks.request(lockName(name), { ifAvailable: true }, async (lock) => {
      if (lock) await root.removeEntry(name, { recursive: true }).catch(() => undefined);
    });
  }
}

// Pieces are written to the file in batches of this size: each write crosses to the browser
// process, and a crossing per 256 KiB piece cost it about as much CPU as the bytes themselves.
const BATCH_BYTES = 4 * 1024 * 1024;

class DiskSpoolFile implements SpoolFile {
  private removed = false;
  private batch: Uint8Array<ArrayBuffer>[] = [];
  private batchBytes = 0;
  // The batch being written: at most one, so memory holds two batches at most.
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly folder: FileSystemDirectoryHandle,
    private readonly handle: FileSystemFileHandle,
    private readonly writable: FileSystemWritableFileStream,
  ) {}

  async write(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    this.batch.push(bytes);
    this.batchBytes += bytes.byteLength;
    if (this.batchBytes >= BATCH_BYTES) await this.flush();
  }

  async finish(name: string, type: string): Promise<File> {
    await this.flush();
    await this.flushing;
    await this.writable.close();
    // A File that refers to the one on disk: nothing is read into memory here.
    return new File([await this.handle.getFile()], name, { type });
  }

  // Waits for the batch before, then starts writing this one; a failure reaches the writer.
  private async flush(): Promise<void> {
    await this.flushing;
    if (this.batchBytes === 0) return;
    const whole = new Uint8Array(this.batchBytes);
    let offset = 0;
    for (const piece of this.batch) {
      whole.set(piece, offset);
      offset += piece.byteLength;
    }
    this.batch = [];
    this.batchBytes = 0;
    this.flushing = this.writable.write(whole);
    // Heard by the next write or by finish; a spool removed before then has no one to tell.
    this.flushing.catch(() => undefined);
  }

  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    await this.writable.abort().catch(() => undefined);
    await this.folder.removeEntry(this.handle.name).catch(() => undefined);
  }
}
