import type { MediaState } from '../protocol/signalling.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import {
  acquireLocalMedia,
  VIDEO_CONSTRAINTS,
  type LocalMedia,
  type MediaOutcome,
} from './local-media.js';
import type { LocalTracks, TrackKind } from './peer-link.js';
import type { FaceEffect } from './face-effects/face-overlays.js';
import {
  FilteredVideo,
  changesFrames,
  type Background,
  type VideoFilter,
  type VideoLook,
} from './video-filter.js';

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
  /** A face effect or a changed background cannot work here (its model failed): why. */
  faceEffectProblem: string;
}

/**
 * Owns this person's camera and microphone: the preview stream, mute, camera on/off and live
 * device switching. The camera light goes off when the camera is off (the track is stopped).
 */
export class LocalMediaController extends TypedEmitter<LocalMediaEvents> {
  readonly preview = new MediaStream();
  /** What peers are sent: the microphone, and the camera or its filtered frames. */
  private tracks: LocalTracks = { audio: null, video: null };
  private camera: MediaStreamTrack | null = null;
  private filtered: FilteredVideo | undefined;
  private look: VideoLook = { filter: 'none', effect: 'none', background: 'none' };
  private previewVideo: MediaStreamTrack | null = null;
  private microphoneMuted = false;
  private outcome: MediaOutcome = 'receive-only';
  private readonly deviceIds: Partial<Record<TrackKind, string>> = {};
  /** Once stopped (refused, left), for good: a capture still under way is let go, not used. */
  private stopped = false;

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
    const source = kind === 'video' ? this.camera : this.tracks.audio;
    return source?.getSettings().deviceId ?? this.deviceIds[kind];
  }

  get videoFilter(): VideoFilter {
    return this.look.filter;
  }

  get faceEffect(): FaceEffect {
    return this.look.effect;
  }

  /**
   * Filters the outgoing video (peers and the self view see it). The first filter puts a
   * filtering stage after the camera; later switches change it in place, live.
   */
  setVideoFilter(filter: VideoFilter): void {
    this.changeLook({ ...this.look, filter });
  }

  /** Puts an effect on this person's face (or blurs it) in the outgoing video, live. */
  setFaceEffect(effect: FaceEffect): void {
    this.changeLook({ ...this.look, effect });
  }

  get background(): Background {
    return this.look.background;
  }

  /**
   * Blurs or replaces what is behind this person in the outgoing video, or stops, live.
   * `ownPicture`, with 'own', is a picture they chose; it replaces the one chosen before.
   */
  setBackground(background: Background, ownPicture?: ImageBitmap): void {
    const previous = this.look.ownPicture;
    this.changeLook({ ...this.look, background, ownPicture: ownPicture ?? previous });
    if (ownPicture && previous && previous !== ownPicture) previous.close();
  }

  /** Whether the person has chosen a picture of their own in this call. */
  get hasOwnPicture(): boolean {
    return this.look.ownPicture !== undefined;
  }

  private changeLook(look: VideoLook): void {
    this.look = look;
    if (this.filtered) return this.filtered.setLook(look);
    if (!changesFrames(look) || !this.camera) return;
    this.filtered = new FilteredVideo(this.camera, look, (reason) =>
      this.emit('faceEffectProblem', reason),
    );
    this.send('video', this.filtered.track);
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
    this.stopped = true;
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

  /** Takes a newly captured track (or null: off) and sends it, through the filter if any. */
  private install(kind: TrackKind, track: MediaStreamTrack | null): void {
    if (this.stopped && track) {
      // The camera light must go off even when the refusal came before the camera started.
      track.stop();
      return;
    }
    const previous = kind === 'video' ? this.camera : this.tracks.audio;
    if (previous === track) return;
    previous?.stop();
    if (track) {
      if (kind === 'audio') track.enabled = !this.microphoneMuted;
      this.deviceIds[kind] = track.getSettings().deviceId ?? this.deviceIds[kind];
    }
    if (kind === 'audio') return this.send('audio', track);
    this.camera = track;
    this.filtered?.stop();
    this.filtered =
      track && changesFrames(this.look)
        ? new FilteredVideo(track, this.look, (reason) => this.emit('faceEffectProblem', reason))
        : undefined;
    this.send('video', this.filtered?.track ?? track);
  }

  private send(kind: TrackKind, track: MediaStreamTrack | null): void {
    const previous = this.tracks[kind];
    if (previous === track) return;
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
