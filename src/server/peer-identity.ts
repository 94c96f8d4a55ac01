import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: what a client keeps to come back as the same peer. */
export function newResumeToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The peer id a resume token stands for. A hash, so no state is needed to check a claim: a
 * restarted server (or another node) gives the same token the same id, and knowing an id — every
 * peer in the room does — does not let anyone take it.
 */
export function peerIdFor(resumeToken: string): string {
  return createHash('sha256')
    .update(`tfx-peer:${resumeToken}`)
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}

/** How long a dropped person keeps their place (and their peer id) by default. */
export const DEFAULT_RESUME_GRACE_MS = 10_000;
