import type { RecordedTile } from '../stage/tile-grid.js';

export interface RecordingSources {
  tiles: RecordedTile[];
  /** Every voice to mix: the remote tiles' audio and this person's microphone. */
  audio: MediaStreamTrack[];
}

// 960×540 at 15 frames a second: legible faces and screens, at a size whose software encoding
// leaves the CPU to the call's own encoders on a small machine.
const WIDTH = 960;
const HEIGHT = 540;
const FRAMES_PER_SECOND = 15;
const VIDEO_BITS_PER_SECOND = 1_500_000;
const MIME_TYPE = 'video/webm;codecs=vp8,opus';

/**
 * Records the call as people see it: every tile composited onto one canvas, every voice mixed,
 * encoded by MediaRecorder to WebM. The recording is collected as one-second Blobs, which the
 * browser keeps outside the page's heap.
 */
export class CallRecorder {
  private readonly canvas = document.createElement('canvas');
  private readonly paint: CanvasRenderingContext2D;
  private readonly audio = new AudioContext();
  private readonly mix = this.audio.createMediaStreamDestination();
  private readonly voices = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();
  private readonly chunks: Blob[] = [];
  private readonly recorder: MediaRecorder;
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly sources: () => RecordingSources) {
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHT;
    this.paint = this.canvas.getContext('2d')!;
    const video = this.canvas.captureStream(FRAMES_PER_SECOND).getVideoTracks();
    const stream = new MediaStream([...video, ...this.mix.stream.getAudioTracks()]);
    try {
      this.recorder = new MediaRecorder(stream, {
        mimeType: MediaRecorder.isTypeSupported(MIME_TYPE) ? MIME_TYPE : 'video/webm',
        videoBitsPerSecond: VIDEO_BITS_PER_SECOND,
      });
    } catch (error) {
      // Nothing will record: give back the canvas capture and the audio graph at once.
      for (const track of stream.getTracks()) track.stop();
      void this.audio.close();
      throw error;
    }
    this.recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
  }

  start(): void {
    this.drawFrame();
    this.followVoices();
    // Timers, not animation frames: the call may sit in a background tab while it records, and
    // a page playing sound keeps its timers running.
    this.timers.push(setInterval(() => this.drawFrame(), 1000 / FRAMES_PER_SECOND));
    this.timers.push(setInterval(() => this.followVoices(), 1000));
    this.recorder.start(1000);
  }

  /** Stops and gives the whole recording. */
  async stop(): Promise<Blob> {
    for (const timer of this.timers) clearInterval(timer);
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise((resolve) =>
        this.recorder.addEventListener('stop', resolve, { once: true }),
      );
      this.recorder.stop();
      await stopped;
    }
    for (const track of this.recorder.stream.getTracks()) track.stop();
    await this.audio.close();
    return new Blob(this.chunks, { type: 'video/webm' });
  }

  // Connects voices that appeared since the last look (someone joined, a microphone was
  // switched) and lets go of those that went.
  private followVoices(): void {
    const current = new Set(this.sources().audio.filter((track) => track.readyState === 'live'));
    for (const track of current) {
      if (this.voices.has(track)) continue;
      const node = this.audio.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.mix);
      this.voices.set(track, node);
    }
    for (const [track, node] of this.voices) {
      if (current.has(track)) continue;
      node.disconnect();
      this.voices.delete(track);
    }
  }

  private drawFrame(): void {
    const { tiles } = this.sources();
    const paint = this.paint;
    paint.fillStyle = '#0f172a';
    paint.fillRect(0, 0, WIDTH, HEIGHT);
    const columns = Math.ceil(Math.sqrt(tiles.length));
    const rows = Math.ceil(tiles.length / columns);
    const cellWidth = WIDTH / Math.max(1, columns);
    const cellHeight = HEIGHT / Math.max(1, rows);
    tiles.forEach((tile, index) => {
      const x = (index % columns) * cellWidth;
      const y = Math.floor(index / columns) * cellHeight;
      this.drawTile(tile, x, y, cellWidth, cellHeight);
    });
  }

  private drawTile(tile: RecordedTile, x: number, y: number, width: number, height: number): void {
    const paint = this.paint;
    const { video } = tile;
    if (!tile.cameraOff && video.videoWidth > 0) {
      // Fitted whole inside the cell, as the tiles show it.
      const scale = Math.min(width / video.videoWidth, height / video.videoHeight);
      const drawnWidth = video.videoWidth * scale;
      const drawnHeight = video.videoHeight * scale;
      paint.drawImage(
        video,
        x + (width - drawnWidth) / 2,
        y + (height - drawnHeight) / 2,
        drawnWidth,
        drawnHeight,
      );
    } else {
      paint.fillStyle = '#1e293b';
      paint.fillRect(x + 2, y + 2, width - 4, height - 4);
    }
    paint.font = '16px system-ui, sans-serif';
    const labelWidth = paint.measureText(tile.label).width + 12;
    paint.fillStyle = 'rgba(15, 23, 42, 0.7)';
    paint.fillRect(x + 6, y + height - 30, labelWidth, 24);
    paint.fillStyle = '#f8fafc';
    paint.fillText(tile.label, x + 12, y + height - 12);
  }
}
