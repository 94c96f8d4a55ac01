import type { LocalMediaController } from '../session/local-media-controller.js';
import type { TrackKind } from '../session/peer-link.js';
import { t, type MessageKey } from '../shared/i18n.js';

export type DevicePickers = Record<TrackKind, HTMLSelectElement>;

const FALLBACK_NAME: Record<TrackKind, MessageKey> = {
  audio: 'prejoin_microphone',
  video: 'prejoin_camera',
};

/**
 * Fills a microphone and a camera picker with this computer's devices, keeps them showing the
 * ones in use, and switches device when the person picks another. The pre-join step and the
 * call's menus each have a pair; both drive the same media, so they always agree.
 */
export function wireDevicePickers(
  media: LocalMediaController,
  pickers: DevicePickers,
  signal: AbortSignal,
  onFailure: (what: string, error: unknown) => void,
): { showCurrent(): void; list(): Promise<void> } {
  const showCurrent = (): void => {
    for (const kind of ['audio', 'video'] as const) {
      const current = media.deviceIdOf(kind);
      if (current) pickers[kind].value = current;
    }
  };
  const list = async (): Promise<void> => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (signal.aborted) return;
    for (const kind of ['audio', 'video'] as const) {
      const picker = pickers[kind];
      // Without permission the browser lists devices with no id: nothing to choose between.
      const inputs = devices.filter(
        (device) => device.kind === `${kind}input` && device.deviceId !== '',
      );
      picker.replaceChildren(
        ...inputs.map((device, index) => {
          const option = document.createElement('option');
          option.value = device.deviceId;
          option.textContent = device.label || `${t(FALLBACK_NAME[kind])} ${index + 1}`;
          return option;
        }),
      );
      picker.disabled = inputs.length === 0;
    }
    showCurrent();
  };
  for (const kind of ['audio', 'video'] as const) {
    pickers[kind].addEventListener(
      'change',
      () => {
        void media
          .switchDevice(kind, pickers[kind].value)
          .catch((error: unknown) => onFailure(`Switching ${kind}`, error))
          .finally(showCurrent);
      },
      { signal },
    );
  }
  navigator.mediaDevices.addEventListener('devicechange', () => void list(), { signal });
  media.on('mediaStateChanged', showCurrent, { signal });
  return { showCurrent, list };
}
