/** What one chat line holds, and the check every line from a peer passes. */
import type { Schema } from '@tfx/sdk';

export const MAX_TEXT = 2000;

// A type, not an interface: JSON types need an index signature that only type aliases get.
/** A line's content; who wrote it is the host's word (its author in the shared map). */
export type ChatText = { text: string; at: number };

/**
 * Another peer's chat may be a different version, or hostile: a Standard Schema, written by
 * hand so the widget carries no validator, that the shared map checks every line against.
 */
export const chatTextSchema: Schema<ChatText> = {
  '~standard': {
    version: 1,
    vendor: 'tfx-chat',
    validate: (value) => {
      const line = value as Partial<ChatText> | null;
      const ok =
        typeof line === 'object' &&
        line !== null &&
        Object.keys(line).length === 2 &&
        typeof line.text === 'string' &&
        line.text.length <= MAX_TEXT &&
        typeof line.at === 'number' &&
        Number.isFinite(line.at);
      return ok ? { value: line as ChatText } : { issues: [{ message: 'not a chat line' }] };
    },
  },
};
