import { markMoment } from '../../shared/perf-marks.js';
import type { Parsed } from '../../protocol/parsed.js';
import type { RoomPeek } from '../../protocol/room-peek.js';
import { displayNameSchema } from '../../protocol/signalling.js';
import type { LocalMedia } from '../../session/local-media.js';
import type { LocalMediaController } from '../../session/local-media-controller.js';
import { wireDevicePickers } from '../device-pickers.js';
import { startMicMeter } from './mic-meter.js';
import { showRefusal } from './refusal-card.js';
import { describePeek, refusalOf } from './room-peek.js';
import { t } from '../../shared/i18n.js';
import { MAX_NAME_CHARS } from '../../shared/identifiers.js';

export interface PrejoinOptions {
  media: LocalMediaController;
  /** The remembered name, or the one the link carried; the person may change it. */
  name: string | undefined;
  /** The camera and microphone starting: the step is shown at once, Join now once they have. */
  started: Promise<LocalMedia>;
  /** Who is in the room, and whether this person may join it at all. */
  peek: Promise<Parsed<RoomPeek>>;
  /** Where "Start a new room" goes, when the room refuses this person before they join. */
  startNewRoom: () => void;
  /** Whether the person already gave the room's password (in the popup): not asked again. */
  hasPassword: boolean;
  /** Told when the room turns the person away before they join (locked or full). */
  onRefused?: (code: 'ROOM_LOCKED' | 'ROOM_FULL', reason: string) => void;
}

/** What the person chose before joining. */
export interface PrejoinChoice {
  name: string;
  /** The room's password, when the room has one and the person typed it here. */
  password?: string;
}

/**
 * The step before the call: a preview of the camera, a live microphone meter, the devices, the
 * person's name, whether to join with the microphone or camera off, and who is in the room.
 * Nothing of the person leaves the browser here (the room is asked about by its name alone); it
 * resolves when they click Join now, and never if the room turns them away first.
 */
export function runPrejoin({
  media,
  name,
  started,
  peek,
  startNewRoom,
  hasPassword,
  onRefused,
}: PrejoinOptions): Promise<PrejoinChoice> {
  const section = document.querySelector<HTMLElement>('#prejoin')!;
  const form = document.querySelector<HTMLFormElement>('#prejoin-form')!;
  const nameInput = document.querySelector<HTMLInputElement>('#join-name')!;
  const problem = document.querySelector<HTMLElement>('#join-problem')!;
  const video = document.querySelector<HTMLVideoElement>('#prejoin-video')!;
  const cameraOff = document.querySelector<HTMLElement>('#prejoin-camera-off')!;
  const micSwitch = document.querySelector<HTMLInputElement>('#prejoin-mic')!;
  const cameraSwitch = document.querySelector<HTMLInputElement>('#prejoin-camera')!;
  const notice = document.querySelector<HTMLElement>('#prejoin-notice')!;
  const join = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const passwordField = document.querySelector<HTMLElement>('#prejoin-password-field')!;
  const passwordInput = document.querySelector<HTMLInputElement>('#prejoin-password')!;
  const here = new AbortController();
  const { signal } = here;
  const pickers = wireDevicePickers(
    media,
    {
      audio: document.querySelector<HTMLSelectElement>('#prejoin-mic-select')!,
      video: document.querySelector<HTMLSelectElement>('#prejoin-camera-select')!,
    },
    signal,
    () => {
      notice.textContent = t('prejoin_device_not_started');
    },
  );

  const render = (): void => {
    const tracks = media.currentTracks;
    micSwitch.checked = media.state.audio;
    micSwitch.disabled = tracks.audio === null;
    cameraSwitch.checked = media.state.video;
    cameraSwitch.disabled =
      media.mediaOutcome === 'microphone-only' || media.mediaOutcome === 'receive-only';
    cameraOff.hidden = media.state.video;
  };

  video.srcObject = media.preview;
  video.requestVideoFrameCallback(() => markMoment('tfx:preview-shown'));
  notice.textContent = t('prejoin_starting_media');
  nameInput.value = name ?? '';
  section.hidden = false;
  // Joined before they have started, the call would begin without them.
  join.disabled = true;
  micSwitch.disabled = true;
  cameraSwitch.disabled = true;
  nameInput.focus();
  void started.then((local) => {
    if (signal.aborted) return;
    notice.textContent = local.notice ?? '';
    join.disabled = false;
    render();
    // Only now, with permission, does the browser name the devices.
    void pickers.list();
    if (nameInput.value && document.activeElement === nameInput) join.focus();
  });
  startMicMeter(
    () => media.currentTracks.audio,
    document.querySelector('#prejoin-mic-level')!,
    signal,
  );
  media.on('mediaStateChanged', render, { signal });
  const roomState = document.querySelector<HTMLElement>('#room-peek')!;
  void peek.then((seen) => {
    if (signal.aborted || !seen.ok) return;
    const refusal = refusalOf(seen.value);
    if (refusal) {
      // Turned away before joining: the camera and microphone go off at once.
      here.abort();
      media.stop();
      video.srcObject = null;
      showRefusal(refusal, startNewRoom);
      onRefused?.(seen.value.locked ? 'ROOM_LOCKED' : 'ROOM_FULL', refusal);
      return;
    }
    roomState.textContent = describePeek(seen.value);
    if (seen.value.passwordProtected && !hasPassword) {
      roomState.textContent += ' It has a password.';
      passwordField.hidden = false;
      passwordInput.required = true;
    }
  });

  micSwitch.addEventListener('change', () => media.setMicrophoneMuted(!micSwitch.checked), {
    signal,
  });
  cameraSwitch.addEventListener(
    'change',
    () => {
      cameraSwitch.disabled = true; // until the camera has started or stopped
      void media
        .setCameraOn(cameraSwitch.checked)
        .catch(() => {
          notice.textContent = t('prejoin_camera_not_started');
        })
        .finally(render);
    },
    { signal },
  );

  return new Promise((resolve) => {
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        const typed = displayNameSchema.safeParse(nameInput.value);
        if (!typed.success) {
          problem.textContent = t('name_problem', MAX_NAME_CHARS);
          nameInput.focus();
          return;
        }
        markMoment('tfx:join-clicked');
        here.abort();
        video.srcObject = null;
        section.hidden = true;
        const password = passwordField.hidden ? '' : passwordInput.value;
        resolve({ name: typed.data, ...(password ? { password } : {}) });
      },
      { signal },
    );
  });
}
