import { displayNameSchema } from '../../protocol/signalling.js';
import type { LocalMedia } from '../../session/local-media.js';
import type { LocalMediaController } from '../../session/local-media-controller.js';
import { startMicMeter } from './mic-meter.js';

export interface PrejoinOptions {
  media: LocalMediaController;
  /** The remembered name, or the one the link carried; the person may change it. */
  name: string | undefined;
  /** The camera and microphone starting: the step is shown at once, Join now once they have. */
  started: Promise<LocalMedia>;
}

/**
 * The step before the call: a preview of the camera, a live microphone meter, the person's name
 * and whether to join with the microphone or camera off. Nothing here talks to the network;
 * it resolves with the name when the person clicks Join now.
 */
export function runPrejoin({ media, name, started }: PrejoinOptions): Promise<string> {
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
  const here = new AbortController();
  const { signal } = here;

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
  notice.textContent = 'Starting your camera and microphone…';
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
    if (nameInput.value && document.activeElement === nameInput) join.focus();
  });
  startMicMeter(
    () => media.currentTracks.audio,
    document.querySelector('#prejoin-mic-level')!,
    signal,
  );
  media.on('mediaStateChanged', render, { signal });

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
          notice.textContent = 'The camera could not be started.';
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
          problem.textContent = `Your name: ${typed.error.issues[0]?.message ?? 'invalid'}.`;
          nameInput.focus();
          return;
        }
        here.abort();
        video.srcObject = null;
        section.hidden = true;
        resolve(typed.data);
      },
      { signal },
    );
  });
}
