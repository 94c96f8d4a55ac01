import { describe, expect, it } from 'vitest';
import {
  MAX_EARLY_CANDIDATES,
  cappedEncoding,
  ignoresOffer,
  keepEarlyCandidate,
  linkStateOf,
} from '../../../src/session/link-rules.js';

describe('a link’s state', () => {
  it.each([
    ['new', false, 'connecting'],
    ['connecting', false, 'connecting'],
    ['connected', false, 'connected'],
    ['disconnected', false, 'reconnecting'],
    ['failed', false, 'failed'],
    ['failed', true, 'reconnecting'],
    ['closed', false, undefined],
  ] as const)('is %s (recovering: %s) → %s', (state, recovering, expected) => {
    expect(linkStateOf(state, recovering)).toBe(expected);
  });
});

describe('perfect negotiation', () => {
  const stable = {
    makingOffer: false,
    signalingState: 'stable',
    settingRemoteAnswerPending: false,
  } as const;

  it('takes an offer when stable, on either side', () => {
    expect(ignoresOffer('offer', { ...stable, polite: false })).toBe(false);
    expect(ignoresOffer('offer', { ...stable, polite: true })).toBe(false);
  });

  it('lets only the impolite side ignore an offer that collides with its own', () => {
    const colliding = { ...stable, makingOffer: true };
    expect(ignoresOffer('offer', { ...colliding, polite: false })).toBe(true);
    expect(ignoresOffer('offer', { ...colliding, polite: true })).toBe(false);
    const midExchange = { ...stable, signalingState: 'have-local-offer' as const };
    expect(ignoresOffer('offer', { ...midExchange, polite: false })).toBe(true);
  });

  it('never ignores an answer, nor an offer while our answer is being set', () => {
    expect(ignoresOffer('answer', { ...stable, makingOffer: true, polite: false })).toBe(false);
    expect(
      ignoresOffer('offer', {
        makingOffer: false,
        signalingState: 'have-local-offer',
        settingRemoteAnswerPending: true,
        polite: false,
      }),
    ).toBe(false);
  });
});

describe('capping outgoing video', () => {
  const budget = { maxBitrate: 300_000, scaleResolutionDownBy: 2 };

  it('writes the budget, and lifts it back to full resolution', () => {
    const capped = cappedEncoding({ active: true }, budget);
    expect(capped).toEqual({ active: true, maxBitrate: 300_000, scaleResolutionDownBy: 2 });
    const lifted = cappedEncoding(capped!, null);
    expect(lifted).toEqual({ active: true, scaleResolutionDownBy: 1 });
    expect(lifted).not.toHaveProperty('maxBitrate');
  });

  it('leaves an uncapped encoding alone when no cap is asked for', () => {
    expect(cappedEncoding({ active: true }, null)).toBeUndefined();
  });
});

describe('candidates that overtake their offer', () => {
  it(`are kept, ${MAX_EARLY_CANDIDATES} at most`, () => {
    const kept: RTCIceCandidateInit[] = [];
    for (let n = 0; n < 1000; n++) keepEarlyCandidate(kept, { candidate: `c${n}` });
    expect(kept).toHaveLength(MAX_EARLY_CANDIDATES);
    expect(kept[0]).toEqual({ candidate: 'c0' });
  });
});
