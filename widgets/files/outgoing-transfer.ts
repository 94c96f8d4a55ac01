import { ChunkDigests } from './chunk-digests';
import {
  CHUNK_BYTES,
  WINDOW_BYTES,
  encodeChunk,
  newTransferId,
  type FilesMessage,
  type TransferId,
} from './files-protocol';
import { RateMeter } from './rate-meter';

/** How the Files widget reaches one peer; the SDK in the widget, a fake in unit tests. */
export type SendToPeer = (data: FilesMessage | Uint8Array, to: string) => Promise<void>;

export type RecipientState =
  | 'receiving'
  // Every byte is sent; waiting for the receiver's digest check.
  | 'checking'
  | 'verified'
  | 'damaged'
  | 'declined'
  | 'left';

export interface Recipient {
  name: string;
  acked: number;
  state: RecipientState;
}

export type OutgoingStatus =
  | { kind: 'waiting' }
  | { kind: 'sending' }
  | { kind: 'finished' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: string };

/** A file being read from disk a chunk at a time; it is never held in memory whole. */
export interface SourceFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  slice(start: number, end: number): Blob;
}

// Chunks handed to the SDK but not yet taken by the channel, per recipient: enough to keep the
// channel busy, few enough that memory stays small and the SDK's send budget is never hit.
const SENDS_IN_FLIGHT = 4;

/**
 * One file sent to one or more peers. It reads the file a chunk at a time, hashes each chunk as it
 * goes, and sends each chunk to every recipient still receiving; it waits whenever a receiver
 * has more than WINDOW_BYTES unacknowledged, so a slow receiver never piles data up in memory.
 */
export class OutgoingTransfer {
  readonly id: TransferId = newTransferId();
  readonly recipients = new Map<string, Recipient>();
  readonly meter = new RateMeter();
  status: OutgoingStatus = { kind: 'waiting' };
  private wake: (() => void) | undefined;

  constructor(
    readonly file: SourceFile,
    to: { id: string; name: string }[],
    private readonly send: SendToPeer,
    private readonly changed: () => void,
  ) {
    for (const peer of to)
      this.recipients.set(peer.id, { name: peer.name, acked: 0, state: 'receiving' });
  }

  /** The bytes every active receiver has taken in: what the progress bar shows. */
  get delivered(): number {
    const active = this.active();
    if (active.length === 0)
      return Math.max(0, ...[...this.recipients.values()].map((r) => r.acked));
    return Math.min(...active.map(([, recipient]) => recipient.acked));
  }

  async run(): Promise<void> {
    if (this.status.kind !== 'waiting') return;
    this.status = { kind: 'sending' };
    const { name, size, type } = this.file;
    void this.toActive({ type: 'files:offer', id: this.id, name, size, mime: type });
    this.changed();
    const digests = new ChunkDigests();
    const inFlight: Promise<unknown>[] = [];
    for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
      await this.until(() => this.active().every(([, r]) => offset - r.acked < WINDOW_BYTES));
      if (this.status.kind !== 'sending') return;
      if (this.active().length === 0) break;
      const data = new Uint8Array(
        await this.file.slice(offset, Math.min(size, offset + CHUNK_BYTES)).arrayBuffer(),
      );
      digests.add(data);
      if (this.status.kind !== 'sending') return;
      inFlight.push(this.toActive(encodeChunk(this.id, offset, data)));
      if (inFlight.length >= SENDS_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    if (this.status.kind !== 'sending') return;
    if (this.active().length === 0) return this.finish();
    const digest = await digests.hex();
    if (this.status.kind !== 'sending') return;
    void this.toActive({ type: 'files:end', id: this.id, digest });
    for (const [, recipient] of this.active()) recipient.state = 'checking';
    this.changed();
    await this.until(() => this.active().length === 0);
    this.finish();
  }

  /** The person stops sending: every receiver is told, and nothing more goes out. */
  cancel(): void {
    if (this.status.kind !== 'waiting' && this.status.kind !== 'sending') return;
    if (this.status.kind === 'sending') void this.toActive({ type: 'files:cancel', id: this.id });
    this.status = { kind: 'cancelled' };
    this.poke();
  }

  /** A control message from one of the receivers. */
  receive(message: FilesMessage, from: string): void {
    const recipient = this.recipients.get(from);
    if (!recipient) return;
    switch (message.type) {
      case 'files:ack':
        recipient.acked = Math.min(this.file.size, Math.max(recipient.acked, message.received));
        if (recipient === this.slowest()) this.meter.record(this.delivered);
        break;
      case 'files:verified':
        if (recipient.state === 'checking') recipient.state = message.ok ? 'verified' : 'damaged';
        break;
      case 'files:cancel':
        if (recipient.state === 'receiving' || recipient.state === 'checking')
          recipient.state = 'declined';
        break;
      case 'files:offer':
      case 'files:end':
        // Only a sender says these; from a receiver they mean nothing.
        return;
    }
    this.poke();
  }

  peerLeft(peerId: string): void {
    const recipient = this.recipients.get(peerId);
    if (recipient && (recipient.state === 'receiving' || recipient.state === 'checking')) {
      recipient.state = 'left';
      this.poke();
    }
  }

  private active(): [string, Recipient][] {
    return [...this.recipients].filter(
      ([, r]) => r.state === 'receiving' || r.state === 'checking',
    );
  }

  private slowest(): Recipient | undefined {
    const active = this.active().map(([, r]) => r);
    return active.sort((a, b) => a.acked - b.acked)[0];
  }

  // Sends to every recipient still receiving; a recipient whose channel is gone has left.
  private toActive(data: FilesMessage | Uint8Array): Promise<unknown> {
    return Promise.all(
      this.active().map(([peerId, recipient]) =>
        this.send(data, peerId).catch(() => {
          if (recipient.state === 'receiving' || recipient.state === 'checking') {
            recipient.state = 'left';
            this.poke();
          }
        }),
      ),
    );
  }

  private finish(): void {
    if (this.status.kind !== 'sending') return;
    const states = new Set([...this.recipients.values()].map((r) => r.state));
    if (states.has('verified')) this.status = { kind: 'finished' };
    else if (states.has('damaged')) this.status = { kind: 'failed', reason: 'damaged in transit' };
    else if (states.has('left')) this.status = { kind: 'failed', reason: 'the receiver left' };
    else this.status = { kind: 'failed', reason: 'declined' };
    this.changed();
  }

  private poke(): void {
    this.changed();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  // Waits until the condition holds, checking again whenever something changes; a cancel or a
  // failure ends the wait too.
  private async until(condition: () => boolean): Promise<void> {
    while (this.status.kind === 'sending' && !condition()) {
      if (this.active().length === 0) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
