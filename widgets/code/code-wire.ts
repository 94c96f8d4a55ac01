/**
 * The Code widget's messages: binary, a kind byte then a Yjs payload. Yjs encodes documents,
 * state vectors and awareness compactly and checks them when applied; this file only frames
 * them and refuses anything that is not one of the four kinds.
 */
import type { Parsed } from '@tfx/sdk';

export const CodeMessageKind = {
  /** An edit made here, for everyone. */
  Update: 0,
  /** "Here is what I have": the receiver answers with what the sender is missing. */
  SyncRequest: 1,
  /** The answer to a SyncRequest: the edits the asker did not have. */
  SyncReply: 2,
  /** Cursors, selections and names (y-protocols awareness). */
  Awareness: 3,
} as const;
export type CodeMessageKind = (typeof CodeMessageKind)[keyof typeof CodeMessageKind];

export interface CodeMessage {
  kind: CodeMessageKind;
  payload: Uint8Array;
}

const KINDS = new Set<number>(Object.values(CodeMessageKind));

export function encodeCodeMessage(kind: CodeMessageKind, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(payload.byteLength + 1);
  bytes[0] = kind;
  bytes.set(payload, 1);
  return bytes;
}

/** The message in `data`, or why it is not one. */
export function decodeCodeMessage(data: unknown): Parsed<CodeMessage> {
  if (!(data instanceof ArrayBuffer)) return { ok: false, reason: 'not a binary message' };
  const bytes = new Uint8Array(data);
  if (bytes.byteLength < 2) return { ok: false, reason: 'too short' };
  const kind = bytes[0]!;
  if (!KINDS.has(kind)) return { ok: false, reason: `unknown kind ${kind}` };
  return { ok: true, value: { kind: kind as CodeMessageKind, payload: bytes.subarray(1) } };
}
