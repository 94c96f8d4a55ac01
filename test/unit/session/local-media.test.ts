import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLocalMedia } from '../../../src/session/local-media.js';

// Node has no media stack: a stand-in MediaStream and fake getUserMedia answers are enough to
// check which fallback is chosen and what the person is told. The browser tests cover the rest.
class FakeStream {
  constructor(readonly tracks: { kind: string }[] = []) {}
  getTracks(): { kind: string }[] {
    return this.tracks;
  }
}

beforeAll(() => {
  (globalThis as Record<string, unknown>).MediaStream = class extends FakeStream {};
});

const denied = () => new DOMException('denied', 'NotAllowedError');
const missing = () => new DOMException('none', 'NotFoundError');

function fakeGetUserMedia(available: { audio: Error | null; video: Error | null }) {
  return (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    const wanted = (['audio', 'video'] as const).filter((kind) => constraints[kind]);
    const failure = wanted.map((kind) => available[kind]).find((error) => error !== null);
    if (failure) return Promise.reject(failure);
    return Promise.resolve(
      new FakeStream(wanted.map((kind) => ({ kind }))) as unknown as MediaStream,
    );
  };
}

describe('acquireLocalMedia', () => {
  it('uses camera and microphone when both work, with nothing to report', async () => {
    const media = await acquireLocalMedia(fakeGetUserMedia({ audio: null, video: null }));
    expect(media.outcome).toBe('camera-and-microphone');
    expect(media.notice).toBeUndefined();
  });

  it('joins with the microphone only when the camera is denied, and says why', async () => {
    const media = await acquireLocalMedia(fakeGetUserMedia({ audio: null, video: denied() }));
    expect(media.outcome).toBe('microphone-only');
    expect(media.notice).toBe(
      'Camera unavailable (permission was denied): you joined with your microphone only.',
    );
    expect(media.stream.getTracks().map((t) => t.kind)).toEqual(['audio']);
  });

  it('joins with the camera only when there is no microphone', async () => {
    const media = await acquireLocalMedia(fakeGetUserMedia({ audio: missing(), video: null }));
    expect(media.outcome).toBe('camera-only');
    expect(media.notice).toContain('Microphone unavailable (no device was found)');
  });

  it('joins receive-only when neither works', async () => {
    const media = await acquireLocalMedia(fakeGetUserMedia({ audio: denied(), video: missing() }));
    expect(media.outcome).toBe('receive-only');
    expect(media.stream.getTracks()).toEqual([]);
    expect(media.notice).toContain("they can't see or hear you");
  });
});
