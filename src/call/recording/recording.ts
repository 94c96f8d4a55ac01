import type { CallContext } from '../call-context.js';
import { showControl } from '../features/control-icons.js';
import { CallRecorder } from './call-recorder.js';
import { withWebmDuration } from './webm-duration.js';
import { t, type MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_recording';

const SELF = 'self';

/** 75_000 → "1:15"; an hour or more → "1:02:05". */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0
    ? `${hours}:${two(minutes)}:${two(seconds % 60)}`
    : `${minutes}:${two(seconds % 60)}`;
}

function fileName(room: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-').replace('T', '-');
  return `tfx-call-${room}-${stamp}.webm`;
}

function save(recording: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(recording);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/**
 * The Record button and the recording indicator. Recording starts and stops here; everyone in
 * the call (late joiners too) is told, and sees who is recording and for how long, because
 * people must know when they are being recorded. Stopping saves a WebM file.
 */
export function start(ctx: CallContext, signal: AbortSignal): void {
  const { session, grid, control, network, log } = ctx;
  const button = document.querySelector<HTMLButtonElement>('#record')!;
  const indicator = document.querySelector<HTMLElement>('#recording-indicator')!;
  // Who records, by peer id (SELF for this person), and since when on this device's clock.
  const recorders = new Map<string, { name: string; since: number }>();
  let recorder: CallRecorder | undefined;
  let saving = false;

  const render = (): void => {
    showControl(button, {
      name: saving ? t('recording_saving') : recorder ? t('recording_stop') : t('control_record'),
      icon: recorder ? 'circle-stop' : 'circle',
    });
    button.disabled = saving;
    button.classList.toggle('recording', recorder !== undefined);
    indicator.hidden = recorders.size === 0;
    if (recorders.size === 0) return;
    const others = [...recorders].filter(([id]) => id !== SELF).map(([, who]) => who.name);
    const names = recorders.has(SELF) ? [t('you'), ...others] : others;
    const since = Math.min(...[...recorders.values()].map((who) => who.since));
    const who =
      others.length === 0
        ? t('call_recording')
        : names.length === 1
          ? t('recording_one', names[0]!)
          : t('recording_many', names.slice(0, -1).join(', '), names.at(-1)!);
    indicator.textContent = `${who} · ${formatElapsed(Date.now() - since)}`;
  };

  const tell = (active: boolean, to?: string): void => {
    const since = recorders.get(SELF)?.since ?? Date.now();
    control
      .send({ type: 'recording:changed', active, elapsedMs: Date.now() - since }, to)
      .catch((error: unknown) => log.warn('Could not tell peers about the recording', error));
  };

  const start = (): void => {
    try {
      recorder = new CallRecorder(() => {
        const { tiles, remoteAudio } = grid.recordingSources();
        const microphone = session.media.currentTracks.audio;
        return { tiles, audio: microphone ? [...remoteAudio, microphone] : remoteAudio };
      });
      recorder.start();
    } catch (error) {
      log.warn('Recording could not start', error);
      recorder = undefined;
      button.title = t('recording_unavailable', String(error));
      return;
    }
    recorders.set(SELF, { name: t('you'), since: Date.now() });
    tell(true);
    render();
  };

  const stop = async (): Promise<void> => {
    const running = recorder;
    const since = recorders.get(SELF)?.since ?? Date.now();
    if (!running) return;
    recorder = undefined;
    saving = true;
    tell(false);
    recorders.delete(SELF);
    render();
    try {
      const recording = await running.stop();
      save(await withWebmDuration(recording, Date.now() - since), fileName(ctx.room));
    } catch (error) {
      log.error('The recording could not be saved', error);
    } finally {
      saving = false;
      render();
    }
  };

  button.addEventListener('click', () => (recorder ? void stop() : start()), { signal });
  control.on(
    'recording:changed',
    ({ control: { active, elapsedMs }, from }) => {
      if (active) recorders.set(from.id, { name: from.name, since: Date.now() - elapsedMs });
      else recorders.delete(from.id);
      render();
    },
    { signal },
  );
  network.on('peerJoined', (peer) => recorder && tell(true, peer.id), { signal });
  network.on(
    'peerLeft',
    (peer) => {
      if (recorders.delete(peer.id)) render();
    },
    { signal },
  );
  // Leaving the call (or it moving to another tab) hides the controls: the recording is saved
  // then rather than lost.
  session.on(
    'stateChanged',
    (state) => {
      if (state.kind === 'left' || state.kind === 'moved') void stop();
    },
    { signal },
  );
  const ticker = setInterval(() => recorders.size > 0 && render(), 1000);
  signal.addEventListener('abort', () => {
    clearInterval(ticker);
    void stop();
  });
  render();
}
