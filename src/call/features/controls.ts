import type { TrackKind } from '../../session/peer-link.js';
import type { CallContext } from '../call-context.js';
import { showControl } from './control-icons.js';

export const title = 'The microphone and camera controls';

/** The control bar: microphone, camera, device pickers and Leave. */
export function start({ session, log }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const onLeave = (): void => void session.leave();
  const mic = document.querySelector<HTMLButtonElement>('#toggle-mic')!;
  const camera = document.querySelector<HTMLButtonElement>('#toggle-camera')!;
  const pickers: Record<TrackKind, HTMLSelectElement> = {
    audio: document.querySelector<HTMLSelectElement>('#mic-select')!,
    video: document.querySelector<HTMLSelectElement>('#camera-select')!,
  };

  const render = (): void => {
    const state = media.state;
    const tracks = media.currentTracks;
    showControl(mic, {
      name: state.audio ? 'Mute microphone' : 'Unmute microphone',
      label: state.audio ? 'Mute' : 'Unmute',
      icon: state.audio ? 'mic' : 'mic-off',
    });
    // Red is for muted (and recording, and Leave): nothing else in the bar is red.
    mic.classList.toggle('off', !state.audio);
    mic.disabled = tracks.audio === null;
    showControl(camera, {
      name: state.video ? 'Turn camera off' : 'Turn camera on',
      label: 'Camera',
      icon: state.video ? 'video' : 'video-off',
    });
    for (const kind of ['audio', 'video'] as const) {
      const current = media.deviceIdOf(kind);
      if (current) pickers[kind].value = current;
    }
  };

  const listDevices = async (): Promise<void> => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    for (const kind of ['audio', 'video'] as const) {
      const picker = pickers[kind];
      const inputs = devices.filter(
        (device) => device.kind === `${kind}input` && device.deviceId !== '',
      );
      picker.replaceChildren(
        ...inputs.map((device, index) => {
          const option = document.createElement('option');
          option.value = device.deviceId;
          option.textContent =
            device.label || `${kind === 'audio' ? 'Microphone' : 'Camera'} ${index + 1}`;
          return option;
        }),
      );
      picker.disabled = inputs.length === 0;
    }
    render();
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
  for (const kind of ['audio', 'video'] as const) {
    pickers[kind].addEventListener(
      'change',
      () => attempt('Device switch', () => media.switchDevice(kind, pickers[kind].value)),
      {
        signal,
      },
    );
  }
  navigator.mediaDevices.addEventListener('devicechange', () => void listDevices(), { signal });
  document.querySelector('#leave')!.addEventListener('click', onLeave, { signal });
  media.on('mediaStateChanged', render, { signal });
  void listDevices();
}
