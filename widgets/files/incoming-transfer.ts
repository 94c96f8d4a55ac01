import { ChunkDigests } from './chunk-digests';
import { ACK_EVERY_BYTES, type Chunk, type FilesMessage } from './files-protocol';
import type { SendToPeer } from './outgoing-transfer';
import { RateMeter } from './rate-meter';

export type IncomingStatus =
  | { kind: 'receiving' }
  | { kind: 'verified'; file: File }
  | { kind: 'damaged' }
  | { kind: 'cancelled'; by: 'you' | 'sender' }
  | { kind: 'failed'; reason: string };

type Offer = Extract<FilesMessage, { type: 'files:offer' }>;

/**
 * Where received bytes go until the file is complete: the host's spool (`tfx.openSpool`), which
 * writes them to disk as they come, so a large file never sits in the browser's memory.
 */
export interface ReceivedBytes {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  finish(name: string, type?: string): Promise<File>;
  discard(): Promise<void>;
}

/**
 * One file arriving from one peer. Chunks must come in order and add up to the offered size;
 * the digest is computed as they arrive and compared with the sender's at the end. Anything
 * else ends the transfer with a reason, and nothing of it is saved. Acknowledgements count the
 * bytes the spool has taken, so a slow disk slows the sender rather than filling memory.
 */
export class IncomingTransfer {
  readonly meter = new RateMeter();
  status: IncomingStatus = { kind: 'receiving' };
  received = 0;
  private readonly digests = new ChunkDigests();
  private readonly spool: Promise<ReceivedBytes>;
  // The chain of writes to the spool, in order; a failed write ends the transfer.
  private writing: Promise<unknown>;
  private written = 0;
  private ackedAt = 0;
  // The sender's end arrived and the digest is being checked: no more chunks, no second end.
  private ending = false;

  constructor(
    readonly offer: Offer,
    readonly from: { id: string; name: string },
    private readonly send: SendToPeer,
    private readonly changed: () => void,
    openSpool: () => Promise<ReceivedBytes>,
  ) {
    this.spool = openSpool();
    this.writing = this.spool.catch((error: unknown) => this.fail(reasonOf(error)));
  }

  get id(): string {
    return this.offer.id;
  }

  acceptChunk(chunk: Chunk): void {
    if (this.status.kind !== 'receiving') return;
    if (this.ending) return this.fail('data after the end');
    if (chunk.offset !== this.received)
      return this.fail(`data out of order (at ${chunk.offset}, expected ${this.received})`);
    if (this.received + chunk.data.byteLength > this.offer.size)
      return this.fail('more data than the file size offered');
    const { data } = chunk;
    this.digests.add(data);
    this.received += data.byteLength;
    this.writing = this.writing.then(() => this.store(data));
    this.meter.record(this.received);
    this.changed();
  }

  private async store(data: Uint8Array<ArrayBuffer>): Promise<void> {
    if (this.status.kind !== 'receiving') return;
    try {
      await (await this.spool).write(data);
    } catch (error) {
      return this.fail(reasonOf(error));
    }
    this.written += data.byteLength;
    if (this.written - this.ackedAt >= ACK_EVERY_BYTES || this.written === this.offer.size)
      this.acknowledge();
  }

  /**
   * The sender says it has sent everything: check size and digest, and keep the file. Resolves
   * once the verdict is in the status (the last chunks' digests may still be on their way).
   */
  async end(digest: string): Promise<void> {
    if (this.status.kind !== 'receiving' || this.ending) return;
    if (this.received !== this.offer.size)
      return this.fail(`ended after ${this.received} of ${this.offer.size} bytes`);
    this.ending = true;
    await this.writing;
    const ok = (await this.digests.hex()) === digest;
    // Cancelled, the sender left, or the disk refused, while the last bytes were written.
    if (this.status.kind !== 'receiving') return;
    if (!ok) return this.drop({ kind: 'damaged' }, { type: 'files:verified', id: this.id, ok });
    let file: File;
    try {
      file = await (
        await this.spool
      ).finish(this.offer.name, this.offer.mime || 'application/octet-stream');
    } catch (error) {
      return this.fail(reasonOf(error));
    }
    if (this.status.kind !== 'receiving') return;
    this.tell({ type: 'files:verified', id: this.id, ok });
    this.status = { kind: 'verified', file };
    this.changed();
  }

  /** The person here stops receiving. */
  cancel(): void {
    if (this.status.kind !== 'receiving') return;
    this.tell({ type: 'files:cancel', id: this.id });
    this.drop({ kind: 'cancelled', by: 'you' });
  }

  cancelledBySender(): void {
    if (this.status.kind === 'receiving') this.drop({ kind: 'cancelled', by: 'sender' });
  }

  senderLeft(): void {
    if (this.status.kind === 'receiving') this.drop({ kind: 'failed', reason: 'the sender left' });
  }

  private fail(reason: string): void {
    if (this.status.kind !== 'receiving') return;
    this.drop({ kind: 'failed', reason }, { type: 'files:cancel', id: this.id });
  }

  // Ends the transfer: the sender is told why, if it should be, and the spool is freed.
  private drop(status: IncomingStatus, tell?: FilesMessage): void {
    this.status = status;
    if (tell) this.tell(tell);
    this.spool.then((spool) => spool.discard()).catch(() => undefined);
    this.changed();
  }

  private acknowledge(): void {
    this.ackedAt = this.written;
    this.tell({ type: 'files:ack', id: this.id, received: this.written });
  }

  private tell(message: FilesMessage): void {
    // A lost control message only matters while the sender is there; if it is gone, so is
    // the transfer.
    this.send(message, this.from.id).catch(() => undefined);
  }
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
