import type { MediaState, Peer } from '../protocol/signalling.js';
import type { LinkState } from '../session/peer-link.js';
import { markMoment } from '../shared/perf-marks.js';
import { AudioLevelMeters } from './audio-level-meters.js';

interface Tile {
  figure: HTMLElement;
  video: HTMLVideoElement;
  audio: HTMLAudioElement | undefined;
  name: HTMLElement;
  state: HTMLElement;
  micOff: HTMLElement;
  cameraOff: HTMLElement;
  level: HTMLElement;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  return created;
}

/**
 * One video tile per participant, labelled with the name (the tile's accessible name), the
 * connection state and whether their microphone or camera is off. All text goes in through
 * textContent: names come from other people.
 */
export class TileGrid {
  private readonly tiles = new Map<string, Tile>();
  private readonly meters = new AudioLevelMeters();
  private static readonly SELF = 'self';

  constructor(
    private readonly root: HTMLElement,
    private readonly onAudioBlocked: (resume: () => void) => void,
  ) {}

  showSelf(name: string, stream: MediaStream, media: MediaState): void {
    const tile = this.tileFor(TileGrid.SELF, `You (${name})`, false);
    tile.figure.classList.add('self');
    tile.state.hidden = true;
    tile.video.srcObject = stream;
    this.meter(TileGrid.SELF, tile, stream);
    this.showMedia(tile, media);
  }

  updateSelf(media: MediaState): void {
    const tile = this.tiles.get(TileGrid.SELF);
    if (tile) this.showMedia(tile, media);
  }

  showPeer(peer: Peer): void {
    const tile = this.tileFor(peer.id, peer.name, true);
    tile.figure.setAttribute('aria-label', peer.name);
    tile.name.textContent = peer.name;
    this.showMedia(tile, peer.media);
  }

  setLinkState(peerId: string, state: LinkState): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    tile.state.textContent = state;
    tile.state.dataset.state = state;
  }

  setStream(peerId: string, stream: MediaStream): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    if (tile.video.srcObject !== stream) {
      tile.video.srcObject = stream;
      tile.video.requestVideoFrameCallback(() => markMoment('tfx:first-remote-frame', peerId));
    }
    if (tile.audio && tile.audio.srcObject !== stream) {
      tile.audio.srcObject = stream;
      const audio = tile.audio;
      audio.play().catch(() => this.onAudioBlocked(() => void audio.play()));
    }
    this.meter(peerId, tile, stream);
  }

  /** A level meter on the tile, and a ring around it while the person speaks. */
  private meter(id: string, tile: Tile, stream: MediaStream): void {
    this.meters.watch(id, stream, (level, speaking) => {
      const percent = Math.round(level * 100);
      tile.level.style.setProperty('--level', `${percent}%`);
      tile.level.setAttribute('aria-valuenow', String(percent));
      tile.figure.classList.toggle('speaking', speaking);
    });
  }

  remove(peerId: string): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    tile.video.srcObject = null;
    if (tile.audio) tile.audio.srcObject = null;
    this.meters.unwatch(peerId);
    tile.figure.remove();
    this.tiles.delete(peerId);
  }

  private showMedia(tile: Tile, media: MediaState): void {
    tile.micOff.hidden = media.audio;
    tile.cameraOff.hidden = media.video;
  }

  private tileFor(id: string, label: string, remote: boolean): Tile {
    const existing = this.tiles.get(id);
    if (existing) return existing;
    const figure = element('figure');
    figure.dataset.peerId = id;
    figure.setAttribute('aria-label', label);
    // Video is always muted and plays without a gesture; sound goes through its own element.
    const video = element('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true;
    const cameraOff = element('div', 'camera-off');
    cameraOff.textContent = 'Camera off';
    const caption = element('figcaption');
    const name = element('span', 'name');
    name.textContent = label;
    const state = element('span', 'state');
    state.textContent = 'connecting';
    state.dataset.state = 'connecting';
    const micOff = element('span', 'mic-off');
    micOff.textContent = 'Microphone off';
    micOff.hidden = true;
    const level = element('span', 'level');
    level.setAttribute('role', 'meter');
    level.setAttribute('aria-label', 'Sound level');
    level.setAttribute('aria-valuemin', '0');
    level.setAttribute('aria-valuemax', '100');
    level.setAttribute('aria-valuenow', '0');
    caption.append(name, level, state, micOff);
    figure.append(video, cameraOff, caption);
    const audio = remote ? element('audio') : undefined;
    if (audio) {
      audio.autoplay = true;
      figure.append(audio);
    }
    this.root.append(figure);
    const tile: Tile = { figure, video, audio, name, state, micOff, cameraOff, level };
    this.tiles.set(id, tile);
    return tile;
  }
}
