/**
 * The Files wire. Control messages are JSON; file data travels as binary chunks with a small
 * header. Everything a peer sends is checked here before the widget acts on it.
 */
import type { Parsed } from '@tfx/sdk';

/**
 * Bytes of file data per chunk. Each chunk crosses between frame and host twice on each side,
 * and every crossing has a fixed cost: 1 MiB chunks moved 256 MiB about 10% faster than 256 KiB
 * ones (docs/benchmarks.md). Other widgets do not wait behind a chunk: the bus interleaves
 * every widget frame by frame.
 */
export const CHUNK_BYTES = 1024 * 1024;
/** A sender waits once this much is sent but not yet acknowledged by a receiver. */
export const WINDOW_BYTES = 8 * 1024 * 1024;
/** A receiver acknowledges at least this often (and at the end). */
export const ACK_EVERY_BYTES = 1024 * 1024;
export const MAX_FILE_BYTES = 64 * 1024 ** 3;
const MAX_NAME_LENGTH = 255;

/** A transfer's id: 8 random bytes as 16 hex digits, chosen by the sender. */
export type TransferId = string;
const ID_BYTES = 8;
const TRANSFER_ID = /^[0-9a-f]{16}$/;

export type FilesMessage =
  | { type: 'files:offer'; id: TransferId; name: string; size: number; mime: string }
  // The sender has sent every byte; `digest` is the file's check value in hex (ChunkDigests).
  | { type: 'files:end'; id: TransferId; digest: string }
  // Either side stops the transfer; the receiver's also means "no thanks".
  | { type: 'files:cancel'; id: TransferId }
  // How many bytes the receiver has taken in: the sender's progress and flow control.
  | { type: 'files:ack'; id: TransferId; received: number }
  // The receiver's verdict after comparing digests.
  | { type: 'files:verified'; id: TransferId; ok: boolean };

export interface Chunk {
  id: TransferId;
  offset: number;
  data: Uint8Array<ArrayBuffer>;
}

export function newTransferId(): TransferId {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_BYTES));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A file name fit to save: no folders, no control characters, not empty, at most 255
 * characters. The browser sanitizes downloads too; this keeps the screen honest as well.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const visible = cleaned.replace(/^\.+$/, '');
  return (visible || 'file').slice(0, MAX_NAME_LENGTH);
}

const isCount = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;

export function parseFilesMessage(data: unknown): Parsed<FilesMessage> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, reason: 'not an object' };
  const message = data as Record<string, unknown>;
  if (typeof message.id !== 'string' || !TRANSFER_ID.test(message.id))
    return { ok: false, reason: 'id must be 16 hex digits' };
  const id = message.id;
  switch (message.type) {
    case 'files:offer': {
      const { name, size, mime } = message;
      if (typeof name !== 'string' || name.length > 1024)
        return { ok: false, reason: 'name must be a string of at most 1024 characters' };
      if (!isCount(size, MAX_FILE_BYTES))
        return { ok: false, reason: `size must be a whole number of bytes up to 64 GiB` };
      if (typeof mime !== 'string' || mime.length > 200)
        return { ok: false, reason: 'mime must be a short string' };
      return { ok: true, value: { type: 'files:offer', id, name: safeFileName(name), size, mime } };
    }
    case 'files:end':
      if (typeof message.digest !== 'string' || !/^[0-9a-f]{64}$/.test(message.digest))
        return { ok: false, reason: 'digest must be 64 hex digits' };
      return { ok: true, value: { type: 'files:end', id, digest: message.digest } };
    case 'files:cancel':
      return { ok: true, value: { type: 'files:cancel', id } };
    case 'files:ack':
      if (!isCount(message.received, MAX_FILE_BYTES))
        return { ok: false, reason: 'received must be a byte count' };
      return { ok: true, value: { type: 'files:ack', id, received: message.received } };
    case 'files:verified':
      if (typeof message.ok !== 'boolean') return { ok: false, reason: 'ok must be true or false' };
      return { ok: true, value: { type: 'files:verified', id, ok: message.ok } };
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}

// A chunk: [1][id: 8 bytes][offset: float64, big-endian][data].
const CHUNK_KIND = 1;
const HEADER_BYTES = 1 + ID_BYTES + 8;

export function encodeChunk(
  id: TransferId,
  offset: number,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(HEADER_BYTES + data.byteLength);
  const view = new DataView(bytes.buffer);
  bytes[0] = CHUNK_KIND;
  for (let index = 0; index < ID_BYTES; index++)
    bytes[1 + index] = parseInt(id.slice(index * 2, index * 2 + 2), 16);
  view.setFloat64(1 + ID_BYTES, offset);
  bytes.set(data, HEADER_BYTES);
  return bytes;
}

export function decodeChunk(buffer: ArrayBuffer): Parsed<Chunk> {
  if (buffer.byteLength < HEADER_BYTES) return { ok: false, reason: 'chunk shorter than header' };
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== CHUNK_KIND) return { ok: false, reason: 'unknown binary kind' };
  const length = buffer.byteLength - HEADER_BYTES;
  if (length === 0 || length > CHUNK_BYTES)
    return { ok: false, reason: `chunk data must be 1–${CHUNK_BYTES} bytes` };
  const offset = new DataView(buffer).getFloat64(1 + ID_BYTES);
  if (!isCount(offset, MAX_FILE_BYTES)) return { ok: false, reason: 'bad offset' };
  const id = [...bytes.subarray(1, 1 + ID_BYTES)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return { ok: true, value: { id, offset, data: bytes.subarray(HEADER_BYTES) } };
}
