import type { PeerCallStats } from '../../protocol/widget.js';
import type { CallSession } from '../../session/call-session.js';
import { summarizeStats, type StatsCounters } from '../../session/call-stats.js';

const EVERY_MS = 1000;

/**
 * Samples every peer connection once a second while `wanted()` (a widget with the `stats`
 * permission is running), and hands the samples to `publish`.
 */
export function startStatsSampler(
  session: CallSession,
  wanted: () => boolean,
  publish: (stats: PeerCallStats[]) => void,
  signal: AbortSignal,
): void {
  const previous = new Map<string, StatsCounters>();
  const sample = async (): Promise<void> => {
    if (!wanted()) return;
    const links = session.peerConnections();
    const samples = await Promise.all(
      links.map(async ({ peer, pc }) => {
        const report = await pc.getStats().catch(() => undefined);
        if (!report) return undefined;
        const { stats, counters } = summarizeStats(
          { id: peer.id, name: peer.name },
          report,
          previous.get(peer.id),
          Date.now(),
        );
        previous.set(peer.id, counters);
        return stats;
      }),
    );
    // Counters of peers who left are forgotten; a peer who comes back starts afresh.
    for (const peerId of previous.keys())
      if (!links.some(({ peer }) => peer.id === peerId)) previous.delete(peerId);
    if (!signal.aborted) publish(samples.filter((stats) => stats !== undefined));
  };
  const timer = setInterval(() => void sample(), EVERY_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}
