/** What chat instances send each other, and the checks every received message passes. */
import type { Parsed } from '@tfx/sdk';

export const MAX_TEXT = 2000;
export const MAX_HISTORY = 500;

// A type, not an interface: JSON types need an index signature that only type aliases get.
export type ChatLine = {
  /** Unique per message, so history that arrives from several peers is merged, not repeated. */
  id: string;
  author: string;
  text: string;
  /** Sender's clock, ms since 1970. */
  at: number;
};

export type ChatMessage =
  { type: 'chat:line'; line: ChatLine } | { type: 'chat:history'; lines: ChatLine[] };

function isLine(value: unknown): value is ChatLine {
  const line = value as Partial<ChatLine> | null;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.id === 'string' &&
    line.id.length <= 100 &&
    typeof line.author === 'string' &&
    line.author.length <= 40 &&
    typeof line.text === 'string' &&
    line.text.length <= MAX_TEXT &&
    typeof line.at === 'number' &&
    Number.isFinite(line.at)
  );
}

/** Another peer's chat may be a different version, or hostile: read it from `unknown`. */
export function parseChatMessage(value: unknown): Parsed<ChatMessage> {
  const message = value as { type?: unknown; line?: unknown; lines?: unknown } | null;
  switch (message?.type) {
    case 'chat:line':
      return isLine(message.line)
        ? { ok: true, value: { type: 'chat:line', line: message.line } }
        : { ok: false, reason: 'line is malformed' };
    case 'chat:history':
      return Array.isArray(message.lines) &&
        message.lines.length <= MAX_HISTORY &&
        message.lines.every(isLine)
        ? { ok: true, value: { type: 'chat:history', lines: message.lines } }
        : { ok: false, reason: `lines must be at most ${MAX_HISTORY} well-formed lines` };
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}
