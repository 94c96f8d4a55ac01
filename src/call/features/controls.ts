import type { CallContext } from '../call-context.js';
import { wireDevicePickers } from '../device-pickers.js';
import { showControl } from './control-icons.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_controls';

/** The control bar: microphone, camera, their device pickers, and Leave. */
export function start({ session, log }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const onLeave = (): void => void session.leave();
  const mic = document.querySelector<HTMLButtonElement>('#toggle-mic')!;
  const camera = document.querySelector<HTMLButtonElement>('#toggle-camera')!;

  const render = (): void => {
    const state = media.state;
    const tracks = media.currentTracks;
    showControl(mic, {
      name: state.audio ? t('control_mute_microphone') : t('control_unmute_microphone'),
      label: state.audio ? t('control_mute') : t('control_unmute'),
      icon: state.audio ? 'mic' : 'mic-off',
    });
    // Red is for muted (and recording, and Leave): nothing else in the bar is red.
    mic.classList.toggle('off', !state.audio);
    mic.disabled = tracks.audio === null;
    showControl(camera, {
      name: state.video ? t('control_camera_off') : t('control_camera_on'),
      label: t('control_camera'),
      icon: state.video ? 'video' : 'video-off',
    });
  };

  const attempt = (what: string, action: () => Promise<void> | void): void => {
    void Promise.resolve()
      .then(action)
      .catch((error: unknown) => log.warn(`${what} failed`, error))
      .finally(render);
  };

  mic.addEventListener(
    'click',
    () => attempt('Microphone toggle', () => media.setMicrophoneMuted(media.state.audio)),
    { signal },
  );
  camera.addEventListener(
    'click',
    () => attempt('Camera toggle', () => media.setCameraOn(!media.state.video)),
    { signal },
  );
  document.querySelector('#leave')!.addEventListener('click', onLeave, { signal });
  media.on('mediaStateChanged', render, { signal });
  render();
  const pickers = wireDevicePickers(
    media,
    {
      audio: document.querySelector<HTMLSelectElement>('#mic-select')!,
      video: document.querySelector<HTMLSelectElement>('#camera-select')!,
    },
    signal,
    (what, error) => log.warn(`${what} failed`, error),
  );
  void pickers.list();
}
