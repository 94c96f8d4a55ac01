import type { PeerCallStats, PeerInfo } from '../protocol/widget.js';

/** The counters a sample is computed from, kept from one sample to the next. */
export interface StatsCounters {
  at: number;
  bytesIn: number;
  bytesOut: number;
  packetsReceived: number;
  packetsLost: number;
}

type Report = Map<string, Record<string, unknown>> | RTCStatsReport;
type Entry = Record<string, unknown>;

/** A report entry by id (getStats() entries are untyped dictionaries). */
function entryOf(report: Report, id: unknown): Entry | undefined {
  return typeof id === 'string' ? (report.get(id) as Entry | undefined) : undefined;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** The codec name without its type ("video/VP8" → "VP8"). */
function codecName(report: Report, codecId: unknown): string | undefined {
  const mime = entryOf(report, codecId)?.mimeType;
  return typeof mime === 'string' ? mime.replace(/^\w+\//, '') : undefined;
}

/**
 * Turns one getStats() report into what a stats widget shows, against the previous counters for
 * rates. Only figures and names are read out: addresses and candidate strings stay here.
 */
export function summarizeStats(
  peer: PeerInfo,
  report: Report,
  previous: StatsCounters | undefined,
  now: number,
): { stats: PeerCallStats; counters: StatsCounters } {
  const counters: StatsCounters = {
    at: now,
    bytesIn: 0,
    bytesOut: 0,
    packetsReceived: 0,
    packetsLost: 0,
  };
  const stats: PeerCallStats = {
    peer,
    at: now,
    bitrateInKbps: 0,
    bitrateOutKbps: 0,
    codecs: {},
    path: 'unknown',
  };
  let selectedPairId: string | undefined;
  report.forEach((entry: Entry) => {
    switch (entry.type) {
      case 'inbound-rtp':
        counters.bytesIn += num(entry.bytesReceived);
        counters.packetsReceived += num(entry.packetsReceived);
        counters.packetsLost += num(entry.packetsLost);
        if (entry.kind === 'video') {
          stats.codecs.videoIn = codecName(report, entry.codecId);
          if (num(entry.frameWidth) > 0) {
            stats.videoIn = {
              width: num(entry.frameWidth),
              height: num(entry.frameHeight),
              framesPerSecond: num(entry.framesPerSecond),
            };
          }
        } else if (entry.kind === 'audio') stats.codecs.audioIn = codecName(report, entry.codecId);
        break;
      case 'outbound-rtp':
        counters.bytesOut += num(entry.bytesSent);
        if (entry.kind === 'video') stats.codecs.videoOut = codecName(report, entry.codecId);
        else if (entry.kind === 'audio') stats.codecs.audioOut = codecName(report, entry.codecId);
        break;
      case 'transport':
        if (typeof entry.selectedCandidatePairId === 'string')
          selectedPairId = entry.selectedCandidatePairId;
        break;
    }
  });
  // The pair the transport selected (or, failing that, a nominated one that succeeded).
  let pair = entryOf(report, selectedPairId);
  report.forEach((entry: Entry) => {
    if (!pair && entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded')
      pair = entry;
  });
  if (pair) {
    if (typeof pair.currentRoundTripTime === 'number')
      stats.roundTripMs = Math.round(pair.currentRoundTripTime * 1000 * 10) / 10;
    const ends = [pair.localCandidateId, pair.remoteCandidateId].map(
      (id) => entryOf(report, id)?.candidateType,
    );
    if (ends.every((type) => typeof type === 'string'))
      stats.path = ends.includes('relay') ? 'relayed' : 'direct';
  }
  if (previous && now > previous.at) {
    const seconds = (now - previous.at) / 1000;
    stats.bitrateInKbps = Math.max(0, ((counters.bytesIn - previous.bytesIn) * 8) / 1000 / seconds);
    stats.bitrateOutKbps = Math.max(
      0,
      ((counters.bytesOut - previous.bytesOut) * 8) / 1000 / seconds,
    );
    const received = counters.packetsReceived - previous.packetsReceived;
    const lost = counters.packetsLost - previous.packetsLost;
    if (received + lost > 0)
      stats.packetLossPercent = Math.max(0, (lost / (received + lost)) * 100);
  }
  return { stats, counters };
}
