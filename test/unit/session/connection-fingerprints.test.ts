import { describe, expect, it } from 'vitest';
import { connectionFingerprints } from '../../../src/session/connection-fingerprints.js';

const ANA = 'AA:11:22:33';
const BEA = 'BB:44:55:66';
const sdp = (...values: string[]) =>
  ['v=0', ...values.map((value) => `a=fingerprint:sha-256 ${value}`), ''].join('\r\n');

/** A connection as verify-words sees one: its state, both descriptions and its stats. */
function connection({
  state = 'connected',
  local = sdp(ANA),
  remote = sdp(BEA),
  reports = [],
}: {
  state?: RTCPeerConnectionState;
  local?: string;
  remote?: string;
  reports?: object[];
} = {}) {
  return {
    connectionState: state,
    localDescription: { sdp: local } as RTCSessionDescription,
    remoteDescription: { sdp: remote } as RTCSessionDescription,
    getStats: () =>
      Promise.resolve(
        new Map(reports.map((report, index) => [String(index), report])) as RTCStatsReport,
      ),
  };
}

const handshake = (localValue: string, remoteValue: string) => [
  {
    type: 'transport',
    dtlsState: 'connected',
    localCertificateId: 'CF-local',
    remoteCertificateId: 'CF-remote',
  },
  { type: 'certificate', id: 'CF-local', fingerprint: localValue, fingerprintAlgorithm: 'sha-256' },
  {
    type: 'certificate',
    id: 'CF-remote',
    fingerprint: remoteValue,
    fingerprintAlgorithm: 'sha-256',
  },
];

describe('a connection’s fingerprints, for its security words', () => {
  it('are both ends’ negotiated fingerprints once connected, the handshake agreeing', async () => {
    expect(await connectionFingerprints(connection({ reports: handshake(ANA, BEA) }))).toEqual({
      ok: true,
      value: {
        local: { algorithm: 'sha-256', value: ANA },
        remote: { algorithm: 'sha-256', value: BEA },
      },
    });
  });

  it('come from the SDP when the browser’s stats name no certificates', async () => {
    const result = await connectionFingerprints(
      connection({ reports: [{ type: 'transport', dtlsState: 'connected' }] }),
    );
    expect(result.ok).toBe(true);
  });

  it('are refused while the connection is not up', async () => {
    expect(await connectionFingerprints(connection({ state: 'connecting' }))).toEqual({
      ok: false,
      reason: 'The secure connection is not up yet.',
    });
  });

  it('are refused when the handshake used another certificate than the SDP names', async () => {
    const result = await connectionFingerprints(
      connection({ reports: handshake(ANA, 'CC:77:88:99') }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'The certificates in use are not the ones negotiated.',
    });
  });

  it('are refused when a description names more than one fingerprint', async () => {
    const result = await connectionFingerprints(connection({ remote: sdp(BEA, 'DD:00:00:01') }));
    expect(result).toEqual({ ok: false, reason: 'The connection has not been negotiated yet.' });
  });
});
