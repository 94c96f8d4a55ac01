/**
 * Filters on this person's outgoing video. Each camera frame comes out as a new frame with the
 * same timestamp, one out for one in, so the filtered track keeps the camera's frame rate.
 * Switching filters changes only the tables used: the track peers receive stays the same, so
 * nothing is renegotiated.
 *
 * The filters are colour changes done on the frame's own YUV planes with lookup tables: no
 * conversion to RGB and back, which the encoder would otherwise redo. On this 2-core machine a
 * canvas with a CSS filter halved the frame rate sent (npm run bench); the tables keep it. The
 * canvas remains for a camera that delivers another pixel format.
 */

import { Backdrop, type BackdropPicture } from './background/backdrop.js';
import { PersonSegmentation } from './background/person-segmentation.js';
import { PRESET_PICTURES, isPresetPicture, presetPicture } from './background/preset-pictures.js';
import { inPixels } from './face-effects/face-box.js';
import { FaceDetection } from './face-effects/face-detection.js';
import { FaceFollower } from './face-effects/face-follower.js';
import { drawFaceEffect, type FaceEffect } from './face-effects/face-overlays.js';
import {
  applyColourTables,
  colourTables,
  type ColourChange,
  type ColourTables,
} from './yuv-colour.js';

export const VIDEO_FILTERS = {
  none: { css: 'none', change: undefined },
  mono: {
    css: 'grayscale(1)',
    change: { contrast: 1, saturation: 0, tintU: 0, tintV: 0 },
  },
  sepia: {
    css: 'sepia(0.9)',
    change: { contrast: 1.05, saturation: 0, tintU: -26, tintV: 26 },
  },
  warm: {
    css: 'sepia(0.3) saturate(1.4) hue-rotate(-10deg)',
    change: { contrast: 1, saturation: 1.15, tintU: -12, tintV: 12 },
  },
  cool: {
    css: 'saturate(1.1) hue-rotate(20deg) brightness(1.05)',
    change: { contrast: 1, saturation: 1.05, tintU: 14, tintV: -10 },
  },
  contrast: {
    css: 'contrast(1.6) saturate(1.2)',
    change: { contrast: 1.6, saturation: 1.25, tintU: 0, tintV: 0 },
  },
} as const satisfies Record<string, { css: string; change?: ColourChange }>;

export type VideoFilter = keyof typeof VIDEO_FILTERS;

/** What is behind the person: as it is, blurred, a preset picture, or their own picture. */
export const BACKGROUNDS = ['none', 'blur', ...PRESET_PICTURES, 'own'] as const;
export type Background = (typeof BACKGROUNDS)[number];

export function isBackground(value: string): value is Background {
  return (BACKGROUNDS as readonly string[]).includes(value);
}

/**
 * How this person's outgoing video looks: a colour filter, an effect on their face, and their
 * background as it is, blurred or replaced; `ownPicture` is the one they chose from their disk.
 */
export interface VideoLook {
  filter: VideoFilter;
  effect: FaceEffect;
  background: Background;
  ownPicture?: ImageBitmap;
}

/** The picture that goes behind the person, if the look replaces their background. */
function pictureOf(look: VideoLook): BackdropPicture | undefined {
  if (isPresetPicture(look.background)) return presetPicture(look.background);
  return look.background === 'own' ? look.ownPicture : undefined;
}

/** Whether the camera's frames need a stage of their own, or can go out untouched. */
export function changesFrames(look: VideoLook): boolean {
  return look.filter !== 'none' || look.effect !== 'none' || look.background !== 'none';
}

/** Whether frames are drawn on a canvas (an overlay, or a changed background). */
const drawsFrames = (look: VideoLook) => look.effect !== 'none' || look.background !== 'none';

export function isVideoFilter(value: string): value is VideoFilter {
  return Object.hasOwn(VIDEO_FILTERS, value);
}

// Chromium's "breakout box" (MediaStreamTrackProcessor / MediaStreamTrackGenerator) is not in
// TypeScript's DOM library; these are the parts used here.
declare class MediaStreamTrackProcessor {
  constructor(init: { track: MediaStreamTrack; maxBufferSize?: number });
  readonly readable: ReadableStream<VideoFrame>;
}
declare class MediaStreamTrackGenerator extends MediaStreamTrack {
  constructor(init: { kind: 'video' });
  readonly writable: WritableStream<VideoFrame>;
}

/** Whether this browser can filter video (Chromium 94 and later). */
export function canFilterVideo(): boolean {
  return 'MediaStreamTrackProcessor' in globalThis && 'MediaStreamTrackGenerator' in globalThis;
}

/**
 * The camera's frames, filtered and with a face effect. Stopping it leaves the camera itself
 * running. The face effect draws on a canvas: the frame, then the overlay where the follower
 * says each face is now; detection runs in a worker on copies of some frames (see
 * face-effects/).
 */
export class FilteredVideo {
  readonly track: MediaStreamTrack;
  private look: VideoLook;
  private readonly canvas = new OffscreenCanvas(1, 1);
  private readonly paint: OffscreenCanvasRenderingContext2D;
  private readonly done = new AbortController();
  private readonly follower = new FaceFollower();
  private detection: FaceDetection | undefined;
  private segmentation: PersonSegmentation | undefined;
  private readonly backdrop = new Backdrop();
  private buffer = new Uint8Array(0);
  private tables: ColourTables & { for?: ColourChange } = {
    y: undefined,
    u: new Uint8Array(0),
    v: new Uint8Array(0),
  };

  constructor(
    source: MediaStreamTrack,
    look: VideoLook,
    private readonly onProblem: (reason: string) => void = () => undefined,
  ) {
    this.look = look;
    this.paint = this.canvas.getContext('2d', { alpha: false, desynchronized: true })!;
    this.runWhatTheLookNeeds();
    const generator = new MediaStreamTrackGenerator({ kind: 'video' });
    this.track = generator;
    const transform = new TransformStream<VideoFrame, VideoFrame>({
      transform: async (frame, output) => output.enqueue(await this.apply(frame)),
    });
    new MediaStreamTrackProcessor({ track: source }).readable
      .pipeThrough(transform, { signal: this.done.signal })
      .pipeTo(generator.writable, { signal: this.done.signal })
      .catch(() => undefined); // ends when stopped, or when the camera goes
  }

  setLook(look: VideoLook): void {
    this.look = look;
    this.runWhatTheLookNeeds();
  }

  stop(): void {
    this.done.abort();
    this.track.stop();
    this.detection?.stop();
    this.segmentation?.stop();
  }

  // The detector (a worker and its model) lives only while an effect is on, the segmentation
  // only while the background is changed.
  private runWhatTheLookNeeds(): void {
    if (this.look.effect === 'none') {
      this.detection?.stop();
      this.detection = undefined;
    } else {
      this.detection ??= new FaceDetection(
        // A blurred face keeps its blur where a detection missed it; decorations follow a jump.
        (boxes) => this.follower.detected(boxes, this.look.effect !== 'blur'),
        this.onProblem,
      );
    }
    if (this.look.background === 'none') {
      this.segmentation?.stop();
      this.segmentation = undefined;
    } else {
      this.segmentation ??= new PersonSegmentation(this.onProblem);
    }
  }

  private async apply(frame: VideoFrame): Promise<VideoFrame> {
    const { change } = VIDEO_FILTERS[this.look.filter];
    let output = frame;
    if (change) {
      const format = frame.format;
      output =
        format === 'I420' || format === 'NV12'
          ? await this.recolour(frame, format, change)
          : this.repaint(frame);
      frame.close();
    }
    if (!drawsFrames(this.look)) return output;
    // Detection and segmentation see the frame as it goes out (filtered), before anything is
    // drawn on it.
    const now = performance.now();
    this.detection?.offer(output, now);
    this.segmentation?.offer(output, now);
    const drawn = this.draw(output, this.look);
    output.close();
    return drawn;
  }

  private draw(frame: VideoFrame, look: VideoLook): VideoFrame {
    const { displayWidth: width, displayHeight: height } = frame;
    this.fit(width, height);
    this.paint.filter = 'none';
    if (look.background !== 'none') {
      const segmentation = this.segmentation;
      const mask = segmentation?.hasMask ? segmentation.mask : undefined;
      this.backdrop.draw(this.paint, frame, mask, pictureOf(look));
    } else this.paint.drawImage(frame, 0, 0, width, height);
    if (look.effect !== 'none')
      for (const face of this.follower.step())
        drawFaceEffect(this.paint, look.effect, inPixels(face, width, height));
    return new VideoFrame(this.canvas, {
      timestamp: frame.timestamp,
      ...(frame.duration === null ? {} : { duration: frame.duration }),
    });
  }

  private fit(width: number, height: number): void {
    if (this.canvas.width === width && this.canvas.height === height) return;
    this.canvas.width = width;
    this.canvas.height = height;
  }

  private async recolour(
    frame: VideoFrame,
    format: 'I420' | 'NV12',
    change: ColourChange,
  ): Promise<VideoFrame> {
    const size = frame.allocationSize();
    if (this.buffer.byteLength !== size) this.buffer = new Uint8Array(size);
    const layout = await frame.copyTo(this.buffer);
    if (this.tables.for !== change) this.tables = { for: change, ...colourTables(change) };
    applyColourTables(this.buffer, format, layout, frame.codedHeight, this.tables);
    // The constructor copies the bytes, so the buffer is ready for the next frame.
    return new VideoFrame(this.buffer, {
      format,
      codedWidth: frame.codedWidth,
      codedHeight: frame.codedHeight,
      timestamp: frame.timestamp,
      layout,
      ...(frame.visibleRect ? { visibleRect: frame.visibleRect } : {}),
      displayWidth: frame.displayWidth,
      displayHeight: frame.displayHeight,
      colorSpace: frame.colorSpace,
      ...(frame.duration === null ? {} : { duration: frame.duration }),
    });
  }

  // Any other pixel format: a canvas with the filter's CSS equivalent (slower, see above).
  private repaint(frame: VideoFrame): VideoFrame {
    const { displayWidth: width, displayHeight: height } = frame;
    this.fit(width, height);
    this.paint.filter = VIDEO_FILTERS[this.look.filter].css;
    this.paint.drawImage(frame, 0, 0, width, height);
    return new VideoFrame(this.canvas, {
      timestamp: frame.timestamp,
      ...(frame.duration === null ? {} : { duration: frame.duration }),
    });
  }
}
