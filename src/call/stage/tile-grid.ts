import type { MediaState, Peer } from '../../protocol/signalling.js';
import type { LinkState } from '../../session/peer-link.js';
import { markMoment } from '../../shared/perf-marks.js';
import { t } from '../../shared/i18n.js';

/** The level (0–1) above which a tile shows its person as speaking. */
const SPEAKING_LEVEL = 0.08;

/** A tile as a recording draws it. */
export interface RecordedTile {
  label: string;
  video: HTMLVideoElement;
  cameraOff?: boolean;
}

interface Tile {
  figure: HTMLElement;
  video: HTMLVideoElement;
  audio: HTMLAudioElement | undefined;
  name: HTMLElement;
  state: HTMLElement;
  micOff: HTMLElement;
  cameraOff: HTMLElement;
  initials: HTMLElement;
  level: HTMLElement;
}

/** "Ana Lima" → "AL", "bea" → "B": what a tile shows while the camera is off. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  return letters.map((word) => [...word][0]!.toUpperCase()).join('');
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
  /** Shared screens, each a large tile of its own, by the peer sharing ('self' for ours). */
  private readonly screens = new Map<string, { figure: HTMLElement; video: HTMLVideoElement }>();
  static readonly SELF = 'self';

  constructor(
    private readonly root: HTMLElement,
    private readonly onAudioBlocked: (resume: () => void) => void,
  ) {}

  showSelf(name: string, stream: MediaStream, media: MediaState): void {
    const tile = this.tileFor(TileGrid.SELF, t('stage_you_named', name), false);
    tile.initials.textContent = initialsOf(name);
    tile.figure.classList.add('self');
    tile.state.hidden = true;
    tile.video.srcObject = stream;
    this.showMedia(tile, media);
  }

  /** The caption of `peerId`'s tile, where call features add their buttons. */
  captionOf(peerId: string): HTMLElement | undefined {
    return this.tiles.get(peerId)?.figure.querySelector('figcaption') ?? undefined;
  }

  updateSelf(media: MediaState): void {
    const tile = this.tiles.get(TileGrid.SELF);
    if (tile) this.showMedia(tile, media);
  }

  showPeer(peer: Peer): void {
    const tile = this.tileFor(peer.id, peer.name, true);
    tile.figure.setAttribute('aria-label', peer.name);
    tile.name.textContent = peer.name;
    tile.initials.textContent = initialsOf(peer.name);
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
  }

  /** Shows (or, with null, removes) the screen a peer shares, as its own large tile first. */
  showScreen(peerId: string, stream: MediaStream | null): void {
    const existing = this.screens.get(peerId);
    if (!stream) {
      if (existing) existing.video.srcObject = null;
      existing?.figure.remove();
      this.screens.delete(peerId);
      return;
    }
    if (existing) {
      existing.video.srcObject = stream;
      return;
    }
    const owner =
      peerId === TileGrid.SELF
        ? t('stage_your_screen')
        : t('stage_their_screen', this.tiles.get(peerId)?.name.textContent ?? t('someone'));
    const figure = element('figure', 'screen');
    figure.setAttribute('aria-label', owner);
    const video = element('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true;
    video.srcObject = stream;
    const caption = element('figcaption');
    const name = element('span', 'name');
    name.textContent = owner;
    caption.append(name);
    figure.append(video, caption);
    this.root.prepend(figure);
    this.screens.set(peerId, { figure, video });
  }

  /** The sound level (0–1) on a tile ('self' for ours), and a ring while the person speaks. */
  showLevel(peerId: string, level: number): void {
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    const percent = Math.round(level * 100);
    tile.level.style.setProperty('--level', `${percent}%`);
    tile.level.setAttribute('aria-valuenow', String(percent));
    tile.figure.classList.toggle('speaking', level > SPEAKING_LEVEL);
  }

  /**
   * What a recording of the call shows and hears: shared screens first, then every person's
   * tile (a tile whose camera is off shows its name), and the sound each peer's tile plays.
   */
  recordingSources(): { tiles: RecordedTile[]; remoteAudio: MediaStreamTrack[] } {
    const tiles: RecordedTile[] = [];
    for (const screen of this.screens.values()) {
      tiles.push({ label: screen.figure.getAttribute('aria-label') ?? '', video: screen.video });
    }
    const remoteAudio: MediaStreamTrack[] = [];
    for (const [id, tile] of this.tiles) {
      const label = id === TileGrid.SELF ? t('you') : (tile.name.textContent ?? '');
      tiles.push({ label, video: tile.video, cameraOff: !tile.cameraOff.hidden });
      const stream = tile.audio?.srcObject;
      if (stream instanceof MediaStream) remoteAudio.push(...stream.getAudioTracks());
    }
    return { tiles, remoteAudio };
  }

  remove(peerId: string): void {
    this.showScreen(peerId, null);
    const tile = this.tiles.get(peerId);
    if (!tile) return;
    tile.video.srcObject = null;
    if (tile.audio) tile.audio.srcObject = null;
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
    // Opaque, over whatever frame the camera last sent: a frozen picture is not the person.
    const cameraOff = element('div', 'camera-off');
    const initials = element('span', 'initials');
    initials.setAttribute('aria-hidden', 'true');
    const offText = element('span');
    offText.textContent = t('stage_camera_off');
    cameraOff.append(initials, offText);
    const caption = element('figcaption');
    const name = element('span', 'name');
    name.textContent = label;
    const state = element('span', 'state');
    state.textContent = t('stage_connecting');
    state.dataset.state = 'connecting';
    const micOff = element('span', 'mic-off');
    micOff.textContent = t('stage_microphone_off');
    micOff.hidden = true;
    const level = element('span', 'level');
    level.setAttribute('role', 'meter');
    level.setAttribute('aria-label', t('stage_sound_level'));
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
    const tile: Tile = { figure, video, audio, name, state, micOff, cameraOff, initials, level };
    this.tiles.set(id, tile);
    return tile;
  }
}
