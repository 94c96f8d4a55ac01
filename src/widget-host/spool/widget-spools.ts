import type { WidgetRequest } from '../../protocol/widget.js';
import { AppError, errors } from '../../shared/app-error.js';
import { assertNever } from '../../shared/assert-never.js';
import type { SpoolFile, SpoolStore } from './spool-store.js';

export const SPOOL_LIMITS = {
  /** Spools one widget may be writing at once; finished ones do not count. */
  maxWriting: 8,
  /** Bytes in one spool: the largest file the Files widget accepts. */
  maxBytes: 64 * 1024 ** 3,
} as const;

interface Spool {
  file: Promise<SpoolFile>;
  bytes: number;
  finished: boolean;
}

/**
 * One widget's spools, by the number the widget knows each by. Every failure is a coded error
 * the widget hears; nothing here throws anything else at the host.
 */
export class WidgetSpools {
  private readonly spools = new Map<number, Spool>();
  private nextId = 1;

  constructor(private readonly store: SpoolStore) {}

  open(): number {
    const writing = [...this.spools.values()].filter((spool) => !spool.finished).length;
    if (writing >= SPOOL_LIMITS.maxWriting)
      throw errors.spoolFull(`${SPOOL_LIMITS.maxWriting} are being written`);
    const id = this.nextId++;
    this.spools.set(id, { file: this.store.create(), bytes: 0, finished: false });
    return id;
  }

  async write(id: number, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const spool = this.writable(id);
    if (spool.bytes + bytes.byteLength > SPOOL_LIMITS.maxBytes)
      throw errors.spoolFull(`one holds at most ${SPOOL_LIMITS.maxBytes} bytes`);
    spool.bytes += bytes.byteLength;
    await failsAsStorageFull((await spool.file).write(bytes));
  }

  async finish(id: number, name: string, type: string): Promise<File> {
    const spool = this.writable(id);
    spool.finished = true;
    return failsAsStorageFull((await spool.file).finish(name, type));
  }

  async discard(id: number): Promise<void> {
    const spool = this.spools.get(id);
    if (!spool) throw errors.destroyed(`Spool ${id}`);
    this.spools.delete(id);
    await (await spool.file).remove();
  }

  /** The widget stops: everything its spools hold is freed. */
  async discardAll(): Promise<void> {
    await Promise.all([...this.spools.keys()].map((id) => this.discard(id)));
  }

  private writable(id: number): Spool {
    const spool = this.spools.get(id);
    if (!spool || spool.finished) throw errors.destroyed(`Spool ${id}`);
    return spool;
  }
}

// A disk that is full, or a store that fails, is the widget's to hear about with a code.
async function failsAsStorageFull<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw errors.spoolFull(`the disk refused the bytes (${String(error)})`);
  }
}

export type SpoolRequest = Extract<WidgetRequest, { type: `spool:${string}` }>;

/** What a spool request is answered with: the spool's number, its File, or nothing. */
export function answerSpoolRequest(spools: WidgetSpools, request: SpoolRequest): Promise<unknown> {
  switch (request.type) {
    case 'spool:open':
      return Promise.resolve().then(() => spools.open());
    case 'spool:write':
      return spools.write(request.spool, new Uint8Array(request.bytes));
    case 'spool:finish':
      return spools.finish(request.spool, request.name, request.mime);
    case 'spool:discard':
      return spools.discard(request.spool);
    default:
      return assertNever(request);
  }
}
