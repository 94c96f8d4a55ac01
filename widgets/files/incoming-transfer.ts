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

// Received bytes are gathered into Blobs of this size. Chromium keeps a Blob's bytes outside
// the page's JavaScript heap, so the page holds at most one group and the flow-control window at
// a time, whatever the file's size. The browser process does hold them until the file is saved
// (in memory up to its own limits, which a 256 MiB file stayed under in the e2e test).
const GROUP_BYTES = 16 * 1024 * 1024;

/**
 * One file arriving from one peer. Chunks must come in order and add up to the offered size;
 * the digest is computed as they arrive and compared with the sender's at the end. Anything
 * else ends the transfer with a reason, and nothing of it is saved.
 */
export class IncomingTransfer {
  readonly meter = new RateMeter();
  status: IncomingStatus = { kind: 'receiving' };
  received = 0;
  private readonly digests = new ChunkDigests();
  private readonly groups: Blob[] = [];
  private group: Uint8Array[] = [];
  private groupBytes = 0;
  private ackedAt = 0;
  // The sender's end arrived and the digest is being checked: no more chunks, no second end.
  private ending = false;

  constructor(
    readonly offer: Offer,
    readonly from: { id: string; name: string },
    private readonly send: SendToPeer,
    private readonly changed: () => void,
  ) {}

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
    this.digests.add(chunk.data);
    this.group.push(chunk.data);
    this.groupBytes += chunk.data.byteLength;
    this.received += chunk.data.byteLength;
    if (this.groupBytes >= GROUP_BYTES) this.closeGroup();
    this.meter.record(this.received);
    if (this.received - this.ackedAt >= ACK_EVERY_BYTES || this.received === this.offer.size)
      this.acknowledge();
    this.changed();
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
    this.closeGroup();
    const ok = (await this.digests.hex()) === digest;
    // Cancelled, or the sender left, while the last digests were computed.
    if (this.status.kind !== 'receiving') return;
    this.tell({ type: 'files:verified', id: this.id, ok });
    if (ok) {
      const file = new File(this.groups, this.offer.name, {
        type: this.offer.mime || 'application/octet-stream',
      });
      this.status = { kind: 'verified', file };
    } else this.status = { kind: 'damaged' };
    this.groups.length = 0;
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
    this.tell({ type: 'files:cancel', id: this.id });
    this.drop({ kind: 'failed', reason });
  }

  private drop(status: IncomingStatus): void {
    this.status = status;
    this.group = [];
    this.groups.length = 0;
    this.changed();
  }

  private acknowledge(): void {
    this.ackedAt = this.received;
    this.tell({ type: 'files:ack', id: this.id, received: this.received });
  }

  private closeGroup(): void {
    if (this.group.length === 0) return;
    this.groups.push(new Blob(this.group as BlobPart[]));
    this.group = [];
    this.groupBytes = 0;
  }

  private tell(message: FilesMessage): void {
    // A lost control message only matters while the sender is there; if it is gone, so is
    // the transfer.
    this.send(message, this.from.id).catch(() => undefined);
  }
}
