import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  WINDOW_BYTES,
  decodeChunk,
  encodeChunk,
  parseFilesMessage,
  safeFileName,
  type FilesMessage,
} from '../../../widgets/files/files-protocol';
import { IncomingTransfer, type ReceivedBytes } from '../../../widgets/files/incoming-transfer';
import { OutgoingTransfer } from '../../../widgets/files/outgoing-transfer';

const SENDER = { id: 'ana', name: 'Ana' };

/** The host's spool as a widget sees it, kept in memory; `discarded` tells whether it was freed. */
function memorySpool(): Promise<ReceivedBytes & { discarded: boolean }> {
  const spool = { discarded: false };
  const parts: Uint8Array<ArrayBuffer>[] = [];
  return Promise.resolve({
    get discarded() {
      return spool.discarded;
    },
    write(data) {
      parts.push(data.slice());
      return Promise.resolve();
    },
    finish(name, type) {
      return Promise.resolve(new File(parts, name, { type: type ?? '' }));
    },
    discard() {
      spool.discarded = true;
      parts.length = 0;
      return Promise.resolve();
    },
  });
}

/**
 * One sender and its receivers over an ordered, asynchronous link that goes through the real
 * wire (JSON text and encoded chunks) and the same parsing the widget does. `tamper` may change
 * a chunk in flight.
 */
function transferBetween(
  source: Uint8Array,
  receiverNames: string[],
  options: {
    tamper?: (chunk: Uint8Array) => void;
    name?: string;
    spool?: () => Promise<ReceivedBytes>;
  } = {},
) {
  const file = new File([source as BlobPart], options.name ?? 'report.bin', { type: 'x/test' });
  const receivers = new Map<string, IncomingTransfer>();
  const unacked = new Map<string, { sent: number; acked: number; worst: number }>();
  const chunksAfterCancel = new Map<string, number>();
  const cancelled = new Set<string>();
  const sender: { transfer?: OutgoingTransfer } = {};

  const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  // Sender → receiver.
  const toReceiver = async (data: FilesMessage | Uint8Array, to: string) => {
    const wire = data instanceof Uint8Array ? data.slice().buffer : JSON.stringify(data);
    await later();
    if (wire instanceof ArrayBuffer) {
      const chunk = decodeChunk(wire);
      if (!chunk.ok) throw new Error(chunk.reason);
      options.tamper?.(chunk.value.data);
      const window = unacked.get(to)!;
      window.sent += chunk.value.data.byteLength;
      window.worst = Math.max(window.worst, window.sent - window.acked);
      if (cancelled.has(to)) chunksAfterCancel.set(to, (chunksAfterCancel.get(to) ?? 0) + 1);
      receivers.get(to)?.acceptChunk(chunk.value);
      return;
    }
    const parsed = parseFilesMessage(JSON.parse(wire));
    if (!parsed.ok) throw new Error(parsed.reason);
    const message = parsed.value;
    if (message.type === 'files:offer') {
      const back = async (reply: FilesMessage | Uint8Array) => {
        const text = JSON.stringify(reply);
        await later();
        const answer = parseFilesMessage(JSON.parse(text));
        if (!answer.ok) throw new Error(answer.reason);
        if (answer.value.type === 'files:ack') unacked.get(to)!.acked = answer.value.received;
        if (answer.value.type === 'files:cancel') cancelled.add(to);
        sender.transfer!.receive(answer.value, to);
      };
      receivers.set(
        to,
        new IncomingTransfer(message, SENDER, back, () => undefined, options.spool ?? memorySpool),
      );
    } else if (message.type === 'files:end') await receivers.get(to)?.end(message.digest);
    else if (message.type === 'files:cancel') receivers.get(to)?.cancelledBySender();
  };
  const to = receiverNames.map((name) => ({ id: name.toLowerCase(), name }));
  for (const peer of to) unacked.set(peer.id, { sent: 0, acked: 0, worst: 0 });
  const outgoing = new OutgoingTransfer(file, to, toReceiver, () => undefined);
  sender.transfer = outgoing;
  return { outgoing, receivers, unacked, chunksAfterCancel };
}

async function bytesOf(transfer: IncomingTransfer | undefined): Promise<Uint8Array> {
  if (transfer?.status.kind !== 'verified')
    throw new Error(`not verified: ${transfer?.status.kind}`);
  return new Uint8Array(await transfer.status.file.arrayBuffer());
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const until = async (condition: () => boolean) => {
  for (let tries = 0; tries < 2000 && !condition(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
};

/** A small file offered by the sender, for tests of the receiving side. */
const TEN_BYTE_OFFER = {
  type: 'files:offer',
  id: '0123456789abcdef',
  name: 'a',
  size: 10,
  mime: '',
} as const;

describe('Files transfer', () => {
  it('delivers a file to two receivers with matching SHA-256, never more than the window in flight', async () => {
    const source = new Uint8Array(randomBytes(WINDOW_BYTES * 2 + 12_345));
    const { outgoing, receivers, unacked } = transferBetween(source, ['Bea', 'Cal']);
    await outgoing.run();
    expect(outgoing.status).toEqual({ kind: 'finished' });
    for (const id of ['bea', 'cal']) {
      const received = await bytesOf(receivers.get(id));
      expect(sha(received)).toBe(sha(source));
      expect(
        receivers.get(id)!.status.kind === 'verified' && receivers.get(id)!.status,
      ).toMatchObject({
        file: { name: 'report.bin', type: 'x/test' },
      });
      expect(unacked.get(id)!.worst).toBeLessThanOrEqual(WINDOW_BYTES + CHUNK_BYTES);
      expect(outgoing.recipients.get(id)!.state).toBe('verified');
    }
    expect(outgoing.delivered).toBe(source.byteLength);
  });

  it('delivers an empty file', async () => {
    const { outgoing, receivers } = transferBetween(new Uint8Array(0), ['Bea']);
    await outgoing.run();
    expect(outgoing.status).toEqual({ kind: 'finished' });
    expect((await bytesOf(receivers.get('bea'))).byteLength).toBe(0);
  });

  it('stops sending to a receiver who cancels and goes on for the others', async () => {
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 40));
    const { outgoing, receivers, chunksAfterCancel } = transferBetween(source, ['Bea', 'Cal']);
    const running = outgoing.run();
    await until(() => (receivers.get('bea')?.received ?? 0) >= CHUNK_BYTES * 4);
    receivers.get('bea')!.cancel();
    await running;
    expect(receivers.get('bea')!.status).toEqual({ kind: 'cancelled', by: 'you' });
    expect(outgoing.recipients.get('bea')!.state).toBe('declined');
    // Only what was already in flight when the cancel arrived: at most the window.
    expect((chunksAfterCancel.get('bea') ?? 0) * CHUNK_BYTES).toBeLessThanOrEqual(
      WINDOW_BYTES + CHUNK_BYTES,
    );
    expect(sha(await bytesOf(receivers.get('cal')))).toBe(sha(source));
    expect(outgoing.status).toEqual({ kind: 'finished' });
  });

  it('tells every receiver when the sender cancels, and nothing is kept', async () => {
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 40));
    const { outgoing, receivers } = transferBetween(source, ['Bea']);
    const running = outgoing.run();
    await until(() => (receivers.get('bea')?.received ?? 0) >= CHUNK_BYTES * 2);
    outgoing.cancel();
    await running;
    await until(() => receivers.get('bea')!.status.kind !== 'receiving');
    expect(receivers.get('bea')!.status).toEqual({ kind: 'cancelled', by: 'sender' });
    expect(outgoing.status).toEqual({ kind: 'cancelled' });
  });

  it('stops for a receiver who leaves, and fails once nobody is left', async () => {
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 40));
    const { outgoing, receivers } = transferBetween(source, ['Bea']);
    const running = outgoing.run();
    await until(() => (receivers.get('bea')?.received ?? 0) >= CHUNK_BYTES * 2);
    outgoing.peerLeft('bea');
    await running;
    expect(outgoing.recipients.get('bea')!.state).toBe('left');
    expect(outgoing.status).toEqual({ kind: 'failed', reason: 'the receiver left' });
  });

  it('ends an arriving file when its sender leaves, and keeps nothing', async () => {
    const offer = TEN_BYTE_OFFER;
    const incoming = new IncomingTransfer(
      offer,
      SENDER,
      () => Promise.resolve(),
      () => undefined,
      memorySpool,
    );
    incoming.acceptChunk({ id: offer.id, offset: 0, data: new Uint8Array(4) });
    incoming.senderLeft();
    expect(incoming.status).toEqual({ kind: 'failed', reason: 'the sender left' });
    await incoming.end('0'.repeat(64)); // a late end changes nothing
    expect(incoming.status).toEqual({ kind: 'failed', reason: 'the sender left' });
  });

  it('refuses a file damaged in transit and tells the sender', async () => {
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 3));
    let seen = 0;
    const { outgoing, receivers } = transferBetween(source, ['Bea'], {
      tamper: (chunk) => {
        if (seen++ === 1) chunk[100]! ^= 0xff;
      },
    });
    await outgoing.run();
    expect(receivers.get('bea')!.status).toEqual({ kind: 'damaged' });
    expect(outgoing.status).toEqual({ kind: 'failed', reason: 'damaged in transit' });
  });

  it("frees the spool of a damaged or cancelled file, and keeps a verified file's", async () => {
    const spools: Awaited<ReturnType<typeof memorySpool>>[] = [];
    const keepSpool = async () => {
      const spool = await memorySpool();
      spools.push(spool);
      return spool;
    };
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 3));
    let seen = 0;
    const damaged = transferBetween(source, ['Bea'], {
      spool: keepSpool,
      tamper: (chunk) => {
        if (seen++ === 0) chunk[0]! ^= 0xff;
      },
    });
    await damaged.outgoing.run();
    expect(damaged.receivers.get('bea')!.status).toEqual({ kind: 'damaged' });
    const cancelled = transferBetween(new Uint8Array(randomBytes(CHUNK_BYTES * 40)), ['Cal'], {
      spool: keepSpool,
    });
    const running = cancelled.outgoing.run();
    await until(() => (cancelled.receivers.get('cal')?.received ?? 0) >= CHUNK_BYTES * 2);
    cancelled.receivers.get('cal')!.cancel();
    await running;
    const kept = transferBetween(source, ['Dee'], { spool: keepSpool });
    await kept.outgoing.run();
    await until(() => spools.slice(0, 2).every((spool) => spool.discarded));
    // The verified file stays readable: its spool is the widget's until it stops.
    expect(spools[2]!.discarded).toBe(false);
    expect(sha(await bytesOf(kept.receivers.get('dee')))).toBe(sha(source));
  });

  it("ends the transfer with the spool's reason when the disk refuses, and tells the sender", async () => {
    const source = new Uint8Array(randomBytes(CHUNK_BYTES * 8));
    let writes = 0;
    const { outgoing, receivers } = transferBetween(source, ['Bea'], {
      spool: async () => ({
        ...(await memorySpool()),
        write: () =>
          ++writes > 3
            ? Promise.reject(new Error('No more room in spools: the disk refused the bytes.'))
            : Promise.resolve(),
      }),
    });
    await outgoing.run();
    expect(receivers.get('bea')!.status).toEqual({
      kind: 'failed',
      reason: 'No more room in spools: the disk refused the bytes.',
    });
    expect(outgoing.recipients.get('bea')!.state).toBe('declined');
  });

  it('acknowledges only what the spool has taken, so a slow disk holds the sender back', async () => {
    const source = new Uint8Array(randomBytes(WINDOW_BYTES * 3));
    const waiting: (() => void)[] = [];
    const { outgoing, receivers, unacked } = transferBetween(source, ['Bea'], {
      spool: async () => ({
        ...(await memorySpool()),
        write: () => new Promise<void>((resolve) => waiting.push(resolve)),
      }),
    });
    void outgoing.run();
    await until(() => (receivers.get('bea')?.received ?? 0) >= WINDOW_BYTES);
    // Nothing written yet: the sender stops at its window, whatever the network could take.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(receivers.get('bea')!.received).toBeLessThanOrEqual(WINDOW_BYTES + CHUNK_BYTES);
    expect(unacked.get('bea')!.acked).toBe(0);
    for (let written = 0; written < 1000 && outgoing.status.kind === 'sending'; written++) {
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await until(() => receivers.get('bea')!.status.kind === 'verified');
  });

  it('ends a transfer whose chunks come out of order, with the reason', () => {
    const offer = TEN_BYTE_OFFER;
    const told: FilesMessage[] = [];
    const incoming = new IncomingTransfer(
      offer,
      SENDER,
      (message) => {
        told.push(message as FilesMessage);
        return Promise.resolve();
      },
      () => undefined,
      memorySpool,
    );
    incoming.acceptChunk({ id: offer.id, offset: 5, data: new Uint8Array(5) });
    expect(incoming.status).toEqual({
      kind: 'failed',
      reason: 'data out of order (at 5, expected 0)',
    });
    expect(told).toEqual([{ type: 'files:cancel', id: offer.id }]);
  });

  it('ends a transfer that sends more than it offered', () => {
    const offer = {
      type: 'files:offer',
      id: '0123456789abcdef',
      name: 'a',
      size: 3,
      mime: '',
    } as const;
    const incoming = new IncomingTransfer(
      offer,
      SENDER,
      () => Promise.resolve(),
      () => undefined,
      memorySpool,
    );
    incoming.acceptChunk({ id: offer.id, offset: 0, data: new Uint8Array(4) });
    expect(incoming.status).toEqual({
      kind: 'failed',
      reason: 'more data than the file size offered',
    });
  });
});

describe('Files wire', () => {
  const id = '0123456789abcdef';

  it.each([
    [null, 'not an object'],
    [{ type: 'files:offer', id: 'x', name: 'a', size: 1, mime: '' }, 'id must be 16 hex digits'],
    [{ type: 'files:offer', id, name: 'a', size: -1, mime: '' }, 'size must be'],
    [{ type: 'files:offer', id, name: 'a', size: 1.5, mime: '' }, 'size must be'],
    [{ type: 'files:offer', id, name: 7, size: 1, mime: '' }, 'name must be'],
    [{ type: 'files:end', id, digest: 'abc' }, 'digest must be 64 hex digits'],
    [{ type: 'files:ack', id, received: '5' }, 'received must be a byte count'],
    [{ type: 'files:verified', id, ok: 'yes' }, 'ok must be true or false'],
    [{ t: 'delete-everything', id }, 'unknown message type'],
  ])('rejects %j', (message, reason) => {
    const parsed = parseFilesMessage(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('round-trips a chunk and rejects broken ones', () => {
    const data = new Uint8Array([1, 2, 3]);
    const encoded = encodeChunk(id, 4096, data);
    const decoded = decodeChunk(encoded.slice().buffer);
    expect(decoded.ok && decoded.value).toEqual({ id, offset: 4096, data });
    expect(decodeChunk(new ArrayBuffer(5))).toEqual({
      ok: false,
      reason: 'chunk shorter than header',
    });
    const wrongKind = encoded.slice();
    wrongKind[0] = 9;
    expect(decodeChunk(wrongKind.buffer)).toEqual({ ok: false, reason: 'unknown binary kind' });
    const tooBig = encodeChunk(id, 0, new Uint8Array(CHUNK_BYTES + 1));
    expect(decodeChunk(tooBig.buffer).ok).toBe(false);
  });

  it('keeps only a safe file name from an offer', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\notes.txt')).toBe('notes.txt');
    expect(safeFileName('bad\u0000name\u001f.txt')).toBe('badname.txt');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('x'.repeat(400))).toHaveLength(255);
    const parsed = parseFilesMessage({
      type: 'files:offer',
      id,
      name: '../secret.txt',
      size: 1,
      mime: '',
    });
    expect(parsed.ok && parsed.value).toMatchObject({ name: 'secret.txt' });
  });
});
