/**
 * Security words: a few words both people in a call read aloud to check that nobody sits
 * between them. Each side takes the two DTLS certificate fingerprints of their connection (its
 * own and the other's), sorts them so both sides hash the same pair, and maps the hash to words.
 * A man in the middle has to terminate DTLS on each side with a certificate of its own, so the
 * two sides hash different pairs and read different words.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { wordlist } from '@scure/bip39/wordlists/english.js';

/** 5 words of 11 bits: 55 bits, far beyond guessing while two people talk. */
export const SECURITY_WORD_COUNT = 5;

export interface Fingerprint {
  algorithm: string;
  /** Colon-separated hex bytes, as SDP and getStats write them. */
  value: string;
}

/**
 * The distinct `a=fingerprint:<algorithm> <value>` lines of an SDP, normalised. Chromium
 * repeats the same one in every media section; a bundled connection has exactly one.
 */
export function fingerprintsInSdp(sdp: string): Fingerprint[] {
  const distinct = new Map<string, Fingerprint>();
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    const fingerprint = normalised({ algorithm: match[1]!, value: match[2]! });
    distinct.set(`${fingerprint.algorithm} ${fingerprint.value}`, fingerprint);
  }
  return [...distinct.values()];
}

export function normalised(fingerprint: Fingerprint): Fingerprint {
  return {
    algorithm: fingerprint.algorithm.toLowerCase(),
    value: fingerprint.value.toUpperCase(),
  };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  const [x, y] = [normalised(a), normalised(b)];
  return x.algorithm === y.algorithm && x.value === y.value;
}

/** The words for one connection, the same whichever end computes them. */
export function securityWords(local: Fingerprint, remote: Fingerprint): string[] {
  const pair = [local, remote]
    .map(normalised)
    .map((fingerprint) => `${fingerprint.algorithm} ${fingerprint.value}`)
    .sort();
  const digest = sha256(new TextEncoder().encode(`tfx-security-words-v1\n${pair.join('\n')}`));
  const words: string[] = [];
  for (let index = 0; index < SECURITY_WORD_COUNT; index++) {
    // 11 bits per word, read from the digest as one long bit string.
    const bit = index * 11;
    const chunk =
      (digest[bit >> 3]! << 16) | (digest[(bit >> 3) + 1]! << 8) | digest[(bit >> 3) + 2]!;
    words.push(wordlist[(chunk >> (24 - 11 - (bit & 7))) & 0x7ff]!);
  }
  return words;
}
