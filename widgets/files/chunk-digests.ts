/**
 * A file's check value, built chunk by chunk: the SHA-256 of the SHA-256 of every chunk, in
 * order. Each chunk is hashed by the browser's WebCrypto, which copies the bytes at the call
 * and hashes them natively off this thread. A whole-file SHA-256 has no native incremental
 * form, and in JavaScript it was the largest cost of a transfer on both sides
 * (docs/benchmarks.md, Files). Sender and receiver cut the file at the same offsets (the
 * receiver refuses any other), so equal files give equal values and one changed byte does not.
 */
export class ChunkDigests {
  private readonly digests: Promise<ArrayBuffer>[] = [];

  add(chunk: Uint8Array<ArrayBuffer>): void {
    this.digests.push(crypto.subtle.digest('SHA-256', chunk));
  }

  /** The check value in hex, once every chunk added so far is hashed. */
  async hex(): Promise<string> {
    const digests = await Promise.all(this.digests);
    const joined = new Uint8Array(digests.length * 32);
    digests.forEach((digest, index) => joined.set(new Uint8Array(digest), index * 32));
    const whole = new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
    return [...whole].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }
}
