/**
 * The peer wire: binary frames on the one DataChannel each pair of peers shares for widgets.
 * A widget message (JSON or bytes, up to 16 MiB) travels as one or more chunks of at most
 * 16 KiB each, every chunk a frame of its own:
 *
 *   offset size  field
 *   0      1     protocol version (1)
 *   1      1     payload kind: 0 = JSON text, 1 = bytes
 *   2      1     widget id length in bytes (1–64)
 *   3      1     reserved, 0
 *   4      4     message id (u32, per sender and widget, increasing)
 *   8      4     chunk index (u32, from 0)
 *   12     4     chunk count (u32, ≥ 1)
 *   16     n     widget id (UTF-8, [A-Za-z0-9_-])
 *   16+n   …     chunk payload
 *
 * All integers big-endian. The sender is never in the frame: the receiver knows which peer's
 * channel it came from, so no peer can claim to be another.
 */
import type { Parsed } from './parsed.js';

export const PEER_PROTOCOL_VERSION = 1;

export const PEER_LIMITS = {
  maxFrameBytes: 16 * 1024,
  maxMessageBytes: 16 * 1024 * 1024,
  maxWidgetIdBytes: 64,
} as const;

const HEADER_BYTES = 16;
const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type PayloadKind = 'json' | 'bytes';

export interface PeerFrame {
  widgetId: string;
  kind: PayloadKind;
  messageId: number;
  chunkIndex: number;
  chunkCount: number;
  payload: Uint8Array;
}

const KIND_CODES: Record<PayloadKind, number> = { json: 0, bytes: 1 };

/** The most payload one frame can carry for a widget id of this many bytes. */
export function chunkCapacity(widgetIdBytes: number): number {
  return PEER_LIMITS.maxFrameBytes - HEADER_BYTES - widgetIdBytes;
}

/** Splits one message into frames, lazily, so a 16 MiB message is never copied whole twice. */
export function* encodeMessage(
  widgetId: string,
  messageId: number,
  kind: PayloadKind,
  payload: Uint8Array,
): Generator<Uint8Array<ArrayBuffer>> {
  if (!WIDGET_ID.test(widgetId)) throw new RangeError(`widget id "${widgetId}" is malformed`);
  if (payload.byteLength > PEER_LIMITS.maxMessageBytes) {
    throw new RangeError(
      `message of ${payload.byteLength} bytes exceeds ${PEER_LIMITS.maxMessageBytes}`,
    );
  }
  const id = new TextEncoder().encode(widgetId);
  const capacity = chunkCapacity(id.byteLength);
  const chunkCount = Math.max(1, Math.ceil(payload.byteLength / capacity));
  for (let chunkIndex = 0; chunkIndex < chunkCount; chunkIndex++) {
    const part = payload.subarray(chunkIndex * capacity, (chunkIndex + 1) * capacity);
    const frame = new Uint8Array(HEADER_BYTES + id.byteLength + part.byteLength);
    const view = new DataView(frame.buffer);
    view.setUint8(0, PEER_PROTOCOL_VERSION);
    view.setUint8(1, KIND_CODES[kind]);
    view.setUint8(2, id.byteLength);
    view.setUint32(4, messageId >>> 0);
    view.setUint32(8, chunkIndex);
    view.setUint32(12, chunkCount);
    frame.set(id, HEADER_BYTES);
    frame.set(part, HEADER_BYTES + id.byteLength);
    yield frame;
  }
}

/** Reads one frame as it arrives from a DataChannel; anything malformed gets a reason. */
export function parseFrame(raw: unknown): Parsed<PeerFrame> {
  if (!(raw instanceof ArrayBuffer)) return { ok: false, reason: 'frame is not binary' };
  if (raw.byteLength > PEER_LIMITS.maxFrameBytes) {
    return {
      ok: false,
      reason: `frame of ${raw.byteLength} bytes exceeds ${PEER_LIMITS.maxFrameBytes}`,
    };
  }
  if (raw.byteLength < HEADER_BYTES)
    return { ok: false, reason: 'frame is shorter than its header' };
  const view = new DataView(raw);
  const version = view.getUint8(0);
  if (version !== PEER_PROTOCOL_VERSION)
    return { ok: false, reason: `unknown protocol version ${version}` };
  const kindCode = view.getUint8(1);
  const kind = kindCode === 0 ? 'json' : kindCode === 1 ? 'bytes' : undefined;
  if (!kind) return { ok: false, reason: `unknown payload kind ${kindCode}` };
  const idBytes = view.getUint8(2);
  if (
    idBytes < 1 ||
    idBytes > PEER_LIMITS.maxWidgetIdBytes ||
    HEADER_BYTES + idBytes > raw.byteLength
  ) {
    return { ok: false, reason: 'widget id length is out of range' };
  }
  const widgetId = new TextDecoder().decode(new Uint8Array(raw, HEADER_BYTES, idBytes));
  if (!WIDGET_ID.test(widgetId)) return { ok: false, reason: 'widget id is malformed' };
  const chunkIndex = view.getUint32(8);
  const chunkCount = view.getUint32(12);
  const maxChunks = Math.ceil(PEER_LIMITS.maxMessageBytes / chunkCapacity(idBytes));
  if (chunkCount < 1 || chunkCount > maxChunks)
    return { ok: false, reason: `chunk count ${chunkCount} is out of range` };
  if (chunkIndex >= chunkCount)
    return { ok: false, reason: `chunk ${chunkIndex} of ${chunkCount} is out of range` };
  return {
    ok: true,
    value: {
      widgetId,
      kind,
      messageId: view.getUint32(4),
      chunkIndex,
      chunkCount,
      payload: new Uint8Array(raw, HEADER_BYTES + idBytes),
    },
  };
}
