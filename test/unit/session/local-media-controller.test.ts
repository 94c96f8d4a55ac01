import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMediaController } from '../../../src/session/local-media-controller.js';

// Node has no media stack: stand-in tracks that only know whether they were stopped are enough
// to check that the controller lets go of the camera. The browser tests cover real capture.
class FakeTrack {
  live = true;
  enabled = true;
  constructor(readonly kind: 'audio' | 'video') {}
  stop(): void {
    this.live = false;
  }
  clone(): FakeTrack {
    return new FakeTrack(this.kind);
  }
  getSettings(): MediaTrackSettings {
    return { deviceId: `${this.kind}-device` };
  }
  applyConstraints(): Promise<void> {
    return Promise.resolve();
  }
}

class FakeStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack): void {
    this.tracks.splice(this.tracks.indexOf(track), 1);
  }
}

let captured: FakeTrack[];
let release: () => void;

beforeEach(() => {
  captured = [];
  const held = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('navigator', {
    mediaDevices: {
      // The camera takes its time, as a real one does while the person reads the page.
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        await held;
        const tracks = (['audio', 'video'] as const)
          .filter((kind) => constraints[kind])
          .map((kind) => new FakeTrack(kind));
        captured.push(...tracks);
        return new FakeStream(tracks);
      },
    },
  });
});

afterEach(() => vi.unstubAllGlobals());

describe('LocalMediaController.stop', () => {
  it('turns off a camera and microphone that started before it', async () => {
    const media = new LocalMediaController();
    const started = media.start();
    release();
    await started;
    media.stop();
    expect(captured.map((track) => track.live)).toEqual([false, false]);
    expect(media.state).toEqual({ audio: false, video: false });
  });

  it('turns off a camera and microphone still starting when it came (a room that refuses at once)', async () => {
    const media = new LocalMediaController();
    const started = media.start();
    media.stop();
    release();
    await started;
    expect(captured).toHaveLength(2);
    expect(captured.every((track) => !track.live)).toBe(true);
    expect(media.state).toEqual({ audio: false, video: false });
  });

  it('does not turn the camera back on once stopped', async () => {
    const media = new LocalMediaController();
    release();
    await media.start();
    media.stop();
    await media.setCameraOn(true);
    expect(captured.every((track) => !track.live)).toBe(true);
    expect(media.state.video).toBe(false);
  });
});
