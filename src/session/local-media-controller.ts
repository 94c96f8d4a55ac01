import type { MediaState } from '../protocol/signalling.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import {
  acquireLocalMedia,
  VIDEO_CONSTRAINTS,
  type LocalMedia,
  type MediaOutcome,
} from './local-media.js';
import type { LocalTracks, TrackKind } from './peer-link.js';

/**
 * The self-view needs far fewer pixels than peers do: a downscaled clone of the camera keeps a
 * machine without GPU compositing from spending its CPU painting its own 720p preview.
 */
const PREVIEW_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 360 },
  frameRate: { ideal: 15 },
};

export interface LocalMediaEvents extends Record<string, unknown> {
  /** A track was swapped (device switch, camera on/off); links must send the new one. */
  trackReplaced: { kind: TrackKind; track: MediaStreamTrack | null };
  mediaStateChanged: MediaState;
}

/**
 * Owns this person's camera and microphone: the preview stream, mute, camera on/off and live
 * device switching. The camera light goes off when the camera is off (the track is stopped).
 */
export class LocalMediaController extends TypedEmitter<LocalMediaEvents> {
  readonly preview = new MediaStream();
  private tracks: LocalTracks = { audio: null, video: null };
  private previewVideo: MediaStreamTrack | null = null;
  private microphoneMuted = false;
  private outcome: MediaOutcome = 'receive-only';
  private readonly deviceIds: Partial<Record<TrackKind, string>> = {};

  async start(): Promise<LocalMedia> {
    const media = await acquireLocalMedia((constraints) =>
      navigator.mediaDevices.getUserMedia(constraints),
    );
    this.outcome = media.outcome;
    for (const track of media.stream.getTracks()) this.install(track.kind as TrackKind, track);
    this.emit('mediaStateChanged', this.state);
    return media;
  }

  get mediaOutcome(): MediaOutcome {
    return this.outcome;
  }

  get currentTracks(): LocalTracks {
    return { ...this.tracks };
  }

  get state(): MediaState {
    return {
      audio: this.tracks.audio !== null && !this.microphoneMuted,
      video: this.tracks.video !== null,
    };
  }

  deviceIdOf(kind: TrackKind): string | undefined {
    return this.tracks[kind]?.getSettings().deviceId ?? this.deviceIds[kind];
  }

  setMicrophoneMuted(muted: boolean): void {
    this.microphoneMuted = muted;
    if (this.tracks.audio) this.tracks.audio.enabled = !muted;
    this.emit('mediaStateChanged', this.state);
  }

  async setCameraOn(on: boolean): Promise<void> {
    if (!on) {
      this.install('video', null);
    } else if (!this.tracks.video) {
      this.install('video', await this.capture('video', this.deviceIds.video));
    }
    this.emit('mediaStateChanged', this.state);
  }

  /** Switches to another camera or microphone while the call goes on. */
  async switchDevice(kind: TrackKind, deviceId: string): Promise<void> {
    this.deviceIds[kind] = deviceId;
    if (kind === 'video' && !this.tracks.video) return; // used when the camera is turned on
    this.install(kind, await this.capture(kind, deviceId));
    this.emit('mediaStateChanged', this.state);
  }

  stop(): void {
    this.install('audio', null);
    this.install('video', null);
  }

  private async capture(kind: TrackKind, deviceId: string | undefined): Promise<MediaStreamTrack> {
    const base = kind === 'video' ? VIDEO_CONSTRAINTS : {};
    const constraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
    const track = stream.getTracks()[0];
    if (!track) throw new Error(`No ${kind} track was captured.`);
    return track;
  }

  private install(kind: TrackKind, track: MediaStreamTrack | null): void {
    const previous = this.tracks[kind];
    if (previous === track) return;
    previous?.stop();
    if (track) {
      if (kind === 'audio') track.enabled = !this.microphoneMuted;
      this.deviceIds[kind] = track.getSettings().deviceId ?? this.deviceIds[kind];
    }
    this.tracks[kind] = track;
    this.showInPreview(kind, previous, track);
    this.emit('trackReplaced', { kind, track });
  }

  private showInPreview(
    kind: TrackKind,
    previous: MediaStreamTrack | null,
    track: MediaStreamTrack | null,
  ): void {
    if (kind === 'audio') {
      if (previous) this.preview.removeTrack(previous);
      if (track) this.preview.addTrack(track); // the self tile is muted; this shows its state
      return;
    }
    if (this.previewVideo) {
      this.previewVideo.stop();
      this.preview.removeTrack(this.previewVideo);
    }
    this.previewVideo = track?.clone() ?? null;
    if (!this.previewVideo) return;
    this.preview.addTrack(this.previewVideo);
    // Best effort: a camera that cannot scale still previews at full size.
    this.previewVideo.applyConstraints(PREVIEW_CONSTRAINTS).catch(() => undefined);
  }
}
