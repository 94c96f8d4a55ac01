import { PEER_LIMITS, type PayloadKind, type PeerFrame } from '../protocol/peer.js';

export type Reassembly =
  | { status: 'partial' }
  | { status: 'complete'; widgetId: string; kind: PayloadKind; payload: Uint8Array }
  /** `flood`: the peer broke a limit no honest sender reaches; stop listening to it. */
  | { status: 'rejected'; widgetId: string; reason: string; flood?: true };

interface InFlight {
  messageId: number;
  kind: PayloadKind;
  chunkCount: number;
  nextChunk: number;
  bytes: number;
  parts: Uint8Array[];
}

/** Widgets one peer may have messages half-sent to at once; more is a flood, not a call. */
const MAX_IN_FLIGHT = 64;
/**
 * Bytes one peer may have half-sent, over all its widgets: two full-size messages. An honest
 * sender interleaves a few widgets' messages; one that starts many large ones and never ends
 * them would otherwise hold this page's memory (64 × 16 MiB).
 */
export const MAX_IN_FLIGHT_BYTES = 2 * PEER_LIMITS.maxMessageBytes;

/**
 * Puts chunked messages from one peer's channel back together. The channel is ordered and the
 * sender finishes one message per widget before the next, so each widget has at most one
 * message in flight and its chunks arrive in order; anything else is refused with a reason and
 * only that widget's half-message is dropped.
 */
export class MessageReassembler {
  private readonly inFlight = new Map<string, InFlight>();
  private inFlightBytes = 0;

  accept(frame: PeerFrame): Reassembly {
    const { widgetId } = frame;
    const current = this.inFlight.get(widgetId);
    if (!current) {
      if (frame.chunkIndex !== 0)
        return this.reject(widgetId, `chunk ${frame.chunkIndex} arrived before chunk 0`);
      if (this.inFlight.size >= MAX_IN_FLIGHT)
        return this.reject(widgetId, 'too many messages in flight');
      return this.add(
        widgetId,
        {
          messageId: frame.messageId,
          kind: frame.kind,
          chunkCount: frame.chunkCount,
          nextChunk: 0,
          bytes: 0,
          parts: [],
        },
        frame,
      );
    }
    if (frame.messageId !== current.messageId || frame.chunkIndex !== current.nextChunk) {
      return this.reject(
        widgetId,
        `expected chunk ${current.nextChunk} of message ${current.messageId}`,
      );
    }
    if (frame.chunkCount !== current.chunkCount || frame.kind !== current.kind) {
      return this.reject(widgetId, 'a chunk disagrees with the first chunk of its message');
    }
    return this.add(widgetId, current, frame);
  }

  private add(widgetId: string, message: InFlight, frame: PeerFrame): Reassembly {
    if (this.inFlightBytes + frame.payload.byteLength > MAX_IN_FLIGHT_BYTES) {
      this.inFlight.clear();
      this.inFlightBytes = 0;
      return { status: 'rejected', widgetId, reason: 'more than 32 MiB half-sent', flood: true };
    }
    if (message.bytes + frame.payload.byteLength > PEER_LIMITS.maxMessageBytes)
      return this.reject(widgetId, 'message exceeds 16 MiB');
    message.bytes += frame.payload.byteLength;
    this.inFlightBytes += frame.payload.byteLength;
    // The frame's bytes belong to a buffer the channel hands over once; keep a view, not a copy.
    message.parts.push(frame.payload);
    message.nextChunk += 1;
    if (message.nextChunk < message.chunkCount) {
      this.inFlight.set(widgetId, message);
      return { status: 'partial' };
    }
    this.inFlight.delete(widgetId);
    this.inFlightBytes -= message.bytes;
    return {
      status: 'complete',
      widgetId,
      kind: message.kind,
      payload: concat(message.parts, message.bytes),
    };
  }

  private reject(widgetId: string, reason: string): Reassembly {
    this.inFlightBytes -= this.inFlight.get(widgetId)?.bytes ?? 0;
    this.inFlight.delete(widgetId);
    return { status: 'rejected', widgetId, reason };
  }
}

function concat(parts: Uint8Array[], bytes: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const whole = new Uint8Array(bytes);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}
