import type { CallContext } from '../call-context.js';
import { showControl } from './control-icons.js';
import { TileGrid } from '../stage/tile-grid.js';
import type { MessageKey } from '../../shared/i18n.js';
import { t } from '../../shared/i18n.js';

/**
 * The Share screen button: asks the browser for a screen, window or tab, sends it to everyone
 * on its own transceiver, and stops on the button or on the browser's own "Stop sharing" bar.
 */
export const title: MessageKey = 'feature_screen_share';

export function start({ session, grid, log }: CallContext, signal: AbortSignal): void {
  const button = document.querySelector<HTMLButtonElement>('#share-screen')!;
  let sharing: MediaStream | undefined;

  const render = (): void => {
    showControl(button, {
      name: sharing ? t('control_stop_sharing') : t('control_share_screen'),
      label: sharing ? t('control_stop_sharing') : t('control_share'),
      icon: sharing ? 'monitor-x' : 'monitor-up',
    });
  };

  const stop = (): void => {
    if (!sharing) return;
    for (const track of sharing.getTracks()) track.stop();
    sharing = undefined;
    session.shareScreen(null);
    grid.showScreen(TileGrid.SELF, null);
    render();
  };

  const start = async (): Promise<void> => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      // Cancelling the picker is a choice, not a failure worth a banner.
      log.info('Screen sharing not started', error);
      return;
    }
    const [track] = stream.getVideoTracks();
    if (!track) return;
    sharing = stream;
    track.addEventListener('ended', stop); // the browser's own "Stop sharing"
    session.shareScreen(track);
    grid.showScreen(TileGrid.SELF, stream);
    render();
  };

  button.addEventListener('click', () => (sharing ? stop() : void start()), { signal });
  session.on('remoteScreenChanged', ({ peerId, stream }) => grid.showScreen(peerId, stream), {
    signal,
  });
  signal.addEventListener('abort', stop);
  render();
}
