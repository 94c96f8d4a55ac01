import type { ChatLine } from './chat-protocol';
import { MAX_HISTORY } from './chat-protocol';

/** The most lines one person's chat keeps; the oldest go first. */
export const MAX_LOG = 1000;

/**
 * Where a line came from, which decides how much of it is believed:
 * - `mine`: typed here;
 * - `live`: sent by a peer as they wrote it; the host vouches for who that peer is;
 * - `history`: passed on by a peer when we joined; who wrote it is only that peer's word.
 */
export type Provenance =
  { kind: 'mine' } | { kind: 'live'; from: string } | { kind: 'history'; via: string };

export interface ShownLine extends ChatLine {
  provenance: Provenance;
}

/**
 * The conversation, without a DOM: lines in time order, merged by id, capped. Nothing a peer
 * sends can make a line "mine", put a live line under another sender's id, or hand over its
 * history more than once.
 */
export class ChatModel {
  private readonly lines = new Map<string, ShownLine>();
  private readonly historyFrom = new Set<string>();

  /** A line typed here. */
  addMine(line: ChatLine): void {
    this.keep({ ...line, provenance: { kind: 'mine' } });
  }

  /**
   * A line a peer sent as they wrote it. `from` is who the host says sent it. A line whose id is
   * not theirs is kept under an id of theirs, so it can neither replace nor hide anyone else's
   * line, and nothing anyone typed is lost. Returns whether it was new.
   */
  addLive(line: ChatLine, from: { id: string; name: string }): boolean {
    const id = line.id.startsWith(`${from.id}:`) ? line.id : `${from.id}:${line.id}`;
    if (this.lines.has(id)) return false;
    this.keep({ ...line, id, author: from.name, provenance: { kind: 'live', from: from.id } });
    return true;
  }

  /** A peer's history for a newcomer: taken once per peer. Returns how many lines were new. */
  addHistory(lines: ChatLine[], from: { id: string; name: string }): number {
    if (this.historyFrom.has(from.id)) return 0;
    this.historyFrom.add(from.id);
    let added = 0;
    for (const line of lines.slice(-MAX_HISTORY)) {
      if (this.lines.has(line.id)) continue;
      this.keep({ ...line, provenance: { kind: 'history', via: from.name } });
      added += 1;
    }
    return added;
  }

  get size(): number {
    return this.lines.size;
  }

  /** Every line kept, oldest first. */
  ordered(): ShownLine[] {
    return [...this.lines.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** The most recent lines as plain chat lines: what a late joiner is sent. */
  recent(): ChatLine[] {
    return this.ordered()
      .slice(-MAX_HISTORY)
      .map(({ id, author, text, at }) => ({ id, author, text, at }));
  }

  private keep(line: ShownLine): void {
    this.lines.set(line.id, line);
    if (this.lines.size <= MAX_LOG) return;
    // One pass, not a sort: a full log meets this on every new line.
    let oldest: ShownLine | undefined;
    for (const kept of this.lines.values())
      if (!oldest || kept.at < oldest.at || (kept.at === oldest.at && kept.id < oldest.id))
        oldest = kept;
    if (oldest) this.lines.delete(oldest.id);
  }
}
