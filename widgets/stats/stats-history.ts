import type { PeerCallStats } from '@tfx/sdk';
import { STATS_STRINGS, type StatsStrings } from './stats-strings';

/** Five minutes of one-second samples per peer. */
export const HISTORY_SECONDS = 300;

/** The series a chart draws, oldest first: times in seconds, then one array per figure. */
export interface PeerSeries {
  times: number[];
  roundTripMs: (number | null)[];
  packetLossPercent: (number | null)[];
  bitrateInKbps: number[];
  bitrateOutKbps: number[];
  latest: PeerCallStats;
}

/** Keeps the last few minutes of statistics for each peer; a peer who leaves is dropped. */
export class StatsHistory {
  private readonly peers = new Map<string, PeerSeries>();

  add(samples: PeerCallStats[]): void {
    const present = new Set(samples.map((sample) => sample.peer.id));
    for (const id of this.peers.keys()) if (!present.has(id)) this.peers.delete(id);
    for (const sample of samples) {
      const series = this.peers.get(sample.peer.id) ?? {
        times: [],
        roundTripMs: [],
        packetLossPercent: [],
        bitrateInKbps: [],
        bitrateOutKbps: [],
        latest: sample,
      };
      series.times.push(sample.at / 1000);
      series.roundTripMs.push(sample.roundTripMs ?? null);
      series.packetLossPercent.push(sample.packetLossPercent ?? null);
      series.bitrateInKbps.push(sample.bitrateInKbps);
      series.bitrateOutKbps.push(sample.bitrateOutKbps);
      series.latest = sample;
      if (series.times.length > HISTORY_SECONDS) {
        for (const values of [
          series.times,
          series.roundTripMs,
          series.packetLossPercent,
          series.bitrateInKbps,
          series.bitrateOutKbps,
        ])
          values.shift();
      }
      this.peers.set(sample.peer.id, series);
    }
  }

  entries(): [string, PeerSeries][] {
    return [...this.peers];
  }
}

/** One line of text with the latest figures, for people who do not read charts. */
export function describeLatest(
  stats: PeerCallStats,
  words: StatsStrings = STATS_STRINGS.en,
): string {
  const parts = [
    stats.path === 'unknown' ? words.pathUnknown : stats.path,
    stats.roundTripMs === undefined ? 'RTT –' : `RTT ${Math.round(stats.roundTripMs)} ms`,
    stats.packetLossPercent === undefined
      ? `${words.loss} –`
      : `${words.loss} ${stats.packetLossPercent.toFixed(1)}%`,
    `${words.in} ${Math.round(stats.bitrateInKbps)} kbps`,
    `${words.out} ${Math.round(stats.bitrateOutKbps)} kbps`,
  ];
  if (stats.videoIn)
    parts.push(
      `${stats.videoIn.width}×${stats.videoIn.height} @ ${Math.round(stats.videoIn.framesPerSecond)} fps`,
    );
  const codecs = [stats.codecs.videoIn, stats.codecs.audioIn].filter(Boolean).join(' + ');
  if (codecs) parts.push(codecs);
  return parts.join(' · ');
}
