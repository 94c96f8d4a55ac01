import { describe, expect, it } from 'vitest';
import { summarizeStats } from '../../../src/session/call-stats.js';

const peer = { id: 'bea', name: 'Bea' };

/** A getStats() report as Chromium shapes it, with the counters given. */
function report(bytesIn: number, bytesOut: number, received: number, lost: number, relay = false) {
  const entries: Record<string, unknown>[] = [
    { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' },
    {
      id: 'CP1',
      type: 'candidate-pair',
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      currentRoundTripTime: 0.0234,
    },
    {
      id: 'L1',
      type: 'local-candidate',
      candidateType: relay ? 'relay' : 'host',
      address: '192.0.2.7',
      port: 50000,
    },
    {
      id: 'R1',
      type: 'remote-candidate',
      candidateType: 'host',
      address: '198.51.100.9',
      port: 50001,
    },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      bytesReceived: bytesIn,
      packetsReceived: received,
      packetsLost: lost,
      frameWidth: 640,
      frameHeight: 480,
      framesPerSecond: 5,
      codecId: 'C1',
    },
    { id: 'OV', type: 'outbound-rtp', kind: 'video', bytesSent: bytesOut, codecId: 'C1' },
    { id: 'C1', type: 'codec', mimeType: 'video/VP8' },
  ];
  return new Map(entries.map((entry) => [entry.id as string, entry]));
}

describe('call statistics for widgets', () => {
  it('computes rates, loss, video and path between two samples', () => {
    const first = summarizeStats(peer, report(10_000, 20_000, 100, 0), undefined, 1_000);
    expect(first.stats.bitrateInKbps).toBe(0);
    const { stats } = summarizeStats(
      peer,
      report(135_000, 270_000, 190, 10),
      first.counters,
      2_000,
    );
    expect(stats).toMatchObject({
      peer,
      roundTripMs: 23.4,
      bitrateInKbps: 1000,
      bitrateOutKbps: 2000,
      packetLossPercent: 10,
      videoIn: { width: 640, height: 480, framesPerSecond: 5 },
      codecs: { videoIn: 'VP8', videoOut: 'VP8' },
      path: 'direct',
    });
  });

  it('says relayed when either end of the selected pair is a TURN relay', () => {
    expect(summarizeStats(peer, report(0, 0, 0, 0, true), undefined, 1).stats.path).toBe('relayed');
  });

  it('never hands on an address, port or candidate string', () => {
    const text = JSON.stringify(summarizeStats(peer, report(1, 1, 1, 0), undefined, 1).stats);
    expect(text).not.toMatch(/192\.0\.2\.7|198\.51\.100\.9|50000|50001|candidate/);
  });
});
