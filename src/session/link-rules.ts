/**
 * The decisions a peer link makes, as pure functions of what it knows, so they are tested
 * without a browser: what its state is, whether an offer collides, how video is capped.
 */
import type { VideoBudget } from './video-budget.js';

/** What a tile shows about the connection to one peer. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** The link's state for a connection state; a failed link being restarted is reconnecting. */
export function linkStateOf(
  state: RTCPeerConnectionState,
  recovering: boolean,
): LinkState | undefined {
  switch (state) {
    case 'new':
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'disconnected':
      return 'reconnecting';
    case 'failed':
      return recovering ? 'reconnecting' : 'failed';
    case 'closed':
      return undefined;
  }
}

export interface NegotiationState {
  makingOffer: boolean;
  signalingState: RTCSignalingState;
  settingRemoteAnswerPending: boolean;
  /** The polite side gives way when both offer at once; the impolite side ignores the other's. */
  polite: boolean;
}

/**
 * Perfect negotiation: an offer that arrives while we are making one (or are mid-exchange)
 * collides; the impolite side ignores it, the polite side rolls back and takes it.
 */
export function ignoresOffer(type: 'offer' | 'answer', now: NegotiationState): boolean {
  const readyForOffer =
    !now.makingOffer && (now.signalingState === 'stable' || now.settingRemoteAnswerPending);
  return type === 'offer' && !readyForOffer && !now.polite;
}

/**
 * The encoding that caps outgoing video to `budget` (null lifts the cap), or undefined when the
 * encoding already carries no cap and none is asked for.
 */
export function cappedEncoding(
  encoding: RTCRtpEncodingParameters,
  budget: VideoBudget | null,
): RTCRtpEncodingParameters | undefined {
  if (!budget && encoding.maxBitrate === undefined) return undefined;
  if (budget)
    return {
      ...encoding,
      maxBitrate: budget.maxBitrate,
      scaleResolutionDownBy: budget.scaleResolutionDownBy,
    };
  const lifted = { ...encoding, scaleResolutionDownBy: 1 };
  delete lifted.maxBitrate;
  return lifted;
}

/** Candidates kept for an offer not yet seen: a peer may not make this page hold thousands. */
export const MAX_EARLY_CANDIDATES = 64;

export function keepEarlyCandidate(
  kept: RTCIceCandidateInit[],
  candidate: RTCIceCandidateInit,
): void {
  if (kept.length < MAX_EARLY_CANDIDATES) kept.push(candidate);
}
