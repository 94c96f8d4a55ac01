import { describe, expect, it } from 'vitest';
import {
  fingerprintsInSdp,
  SECURITY_WORD_COUNT,
  securityWords,
  type Fingerprint,
} from '../../../src/session/security-words.js';

const fingerprint = (seed: number): Fingerprint => ({
  algorithm: 'sha-256',
  value: Array.from({ length: 32 }, (_, index) =>
    ((seed * 31 + index * 7) % 256).toString(16).padStart(2, '0').toUpperCase(),
  ).join(':'),
});
const ana = fingerprint(1);
const bea = fingerprint(2);

describe('security words', () => {
  it('are the same at both ends of a connection', () => {
    const anaSees = securityWords(ana, bea);
    const beaSees = securityWords(bea, ana);
    expect(anaSees).toEqual(beaSees);
    expect(anaSees).toHaveLength(SECURITY_WORD_COUNT);
    for (const word of anaSees) expect(word).toMatch(/^[a-z]{3,8}$/);
  });

  it('differ on each side when a server swaps the fingerprints (a man in the middle)', () => {
    // Mallory terminates DTLS with Ana using her certificate m1, and with Bea using m2.
    const [m1, m2] = [fingerprint(3), fingerprint(4)];
    const anaSees = securityWords(ana, m1);
    const beaSees = securityWords(bea, m2);
    expect(anaSees).not.toEqual(beaSees);
    // Even reusing one certificate for both sides does not help Mallory.
    expect(securityWords(ana, m1)).not.toEqual(securityWords(bea, m1));
  });

  it('change when either certificate changes, and ignore how the hex is written', () => {
    expect(securityWords(ana, bea)).not.toEqual(securityWords(ana, fingerprint(5)));
    const lower = { algorithm: 'SHA-256', value: bea.value.toLowerCase() };
    expect(securityWords(ana, lower)).toEqual(securityWords(ana, bea));
  });

  it('reads the fingerprint lines of an SDP', () => {
    const section = `a=fingerprint:sha-256 ${ana.value.toLowerCase()}\r\na=setup:actpass\r\n`;
    // One line per media section, the same in each.
    const sdp = `v=0\r\na=group:BUNDLE 0 1\r\nm=audio 9\r\n${section}m=video 9\r\n${section}`;
    expect(fingerprintsInSdp(sdp)).toEqual([ana]);
    const two = `${sdp}m=application 9\r\na=fingerprint:sha-256 ${bea.value}\r\n`;
    expect(fingerprintsInSdp(two)).toEqual([ana, bea]);
    expect(fingerprintsInSdp('v=0\r\n')).toEqual([]);
  });
});
