import type { SharedEntry } from '@tfx/sdk/state';
import type { ChatText } from './chat-protocol';

/** The most lines one person's chat shows; the oldest go first. */
export const MAX_LOG = 1000;

/**
 * Where a line came from, which says how much of it is believed:
 * - `mine`: typed here;
 * - `live`: its author's own, whose name the host vouches for;
 * - `history`: passed on by someone who stayed after its author left; who wrote it is their word.
 */
export type Provenance = { kind: 'mine' } | { kind: 'live' } | { kind: 'history'; via: string };

export interface ShownLine {
  /** Unique per author and line. */
  id: string;
  author: string;
  text: string;
  at: number;
  provenance: Provenance;
}

/** The conversation to draw: every line of the shared map, oldest first, capped. */
export function shownLines(entries: SharedEntry<ChatText>[], selfId: string): ShownLine[] {
  return entries
    .map(({ key, value, author, via }) => ({
      id: `${author.id}:${key}`,
      author: author.name,
      text: value.text,
      at: value.at,
      provenance: via
        ? ({ kind: 'history', via: via.name } as const)
        : author.id === selfId
          ? ({ kind: 'mine' } as const)
          : ({ kind: 'live' } as const),
    }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .slice(-MAX_LOG);
}
