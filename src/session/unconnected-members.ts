/**
 * The eavesdropper check's bookkeeping. The server says who is in the room; the call knows whom
 * it is actually connected to. Someone the server lists who has not connected to us within the
 * grace period could be a listener the server added (or a client that only watches the room),
 * so the person is told their name.
 */
export const UNCONNECTED_GRACE_MS = 15_000;

export class UnconnectedMembers {
  /** Listed by the server and never connected to us: when they were first listed. */
  private readonly waiting = new Map<string, { name: string; since: number }>();

  constructor(private readonly graceMs = UNCONNECTED_GRACE_MS) {}

  /** The server listed `id` (again: a rename keeps the first time). */
  listed(id: string, name: string, now: number): void {
    const known = this.waiting.get(id);
    this.waiting.set(id, { name, since: known?.since ?? now });
  }

  /** A connection to `id` is up: whatever happens to it later, they did connect. */
  connected(id: string): void {
    this.waiting.delete(id);
  }

  left(id: string): void {
    this.waiting.delete(id);
  }

  /** Names of those listed for longer than the grace without ever connecting, oldest first. */
  overdue(now: number): string[] {
    return [...this.waiting.values()]
      .filter((member) => now - member.since >= this.graceMs)
      .sort((a, b) => a.since - b.since)
      .map((member) => member.name);
  }

  /** When `overdue` may next change (undefined: nobody is waiting). */
  nextDeadline(now: number): number | undefined {
    const pending = [...this.waiting.values()]
      .map((member) => member.since + this.graceMs)
      .filter((deadline) => deadline > now);
    return pending.length > 0 ? Math.min(...pending) : undefined;
  }
}
