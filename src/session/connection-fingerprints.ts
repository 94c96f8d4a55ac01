import { accepted, refused, type Parsed } from '../protocol/parsed.js';
import { fingerprintsInSdp, sameFingerprint, type Fingerprint } from './security-words.js';
import { t } from '../shared/i18n.js';

export interface ConnectionFingerprints {
  local: Fingerprint;
  remote: Fingerprint;
}

interface CertificateStats {
  type: 'certificate';
  id: string;
  fingerprint: string;
  fingerprintAlgorithm: string;
}
interface TransportStats {
  type: 'transport';
  dtlsState?: string;
  localCertificateId?: string;
  remoteCertificateId?: string;
}

/**
 * Both DTLS certificate fingerprints of a connection, as negotiated in the SDP. The browser
 * refuses a DTLS handshake whose certificate does not match the SDP's fingerprint, so a
 * connected connection used these. Where getStats also names the certificates the handshake
 * used, they are checked against the SDP too: a page whose SDP and handshake disagree shows no
 * words at all rather than words that prove nothing. (Chromium does not always link its
 * transport report to certificate reports; the full e2e run on a loaded machine met a
 * connection whose stats never did, so their absence is not read as "not secure".)
 */
export async function connectionFingerprints(
  pc: Pick<
    RTCPeerConnection,
    'connectionState' | 'localDescription' | 'remoteDescription' | 'getStats'
  >,
): Promise<Parsed<ConnectionFingerprints>> {
  if (pc.connectionState !== 'connected') return refused(t('verify_not_secure_yet'));
  const local = fingerprintsInSdp(pc.localDescription?.sdp ?? '');
  const remote = fingerprintsInSdp(pc.remoteDescription?.sdp ?? '');
  if (local.length !== 1 || remote.length !== 1) {
    return refused(t('verify_not_negotiated'));
  }
  const stats = [...(await pc.getStats()).values()] as (CertificateStats | TransportStats)[];
  const certificate = (id: string | undefined): Fingerprint | undefined => {
    const found = stats.find(
      (report): report is CertificateStats => report.type === 'certificate' && report.id === id,
    );
    return found ? { algorithm: found.fingerprintAlgorithm, value: found.fingerprint } : undefined;
  };
  const transport = stats.find(
    (report): report is TransportStats =>
      report.type === 'transport' && report.dtlsState === 'connected',
  );
  const usedLocal = certificate(transport?.localCertificateId);
  const usedRemote = certificate(transport?.remoteCertificateId);
  if (
    (usedLocal && !sameFingerprint(usedLocal, local[0]!)) ||
    (usedRemote && !sameFingerprint(usedRemote, remote[0]!))
  ) {
    return refused(t('verify_certificates_differ'));
  }
  return accepted({ local: local[0]!, remote: remote[0]! });
}
