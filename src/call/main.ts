import { CallSession } from '../session/call-session.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { errors } from '../shared/app-error.js';
import { isConfiguredServer } from '../shared/configured-servers.js';
import { loadSettings, saveSettings, type Settings } from '../shared/settings.js';
import { LocalMediaController } from '../session/local-media-controller.js';
import { runPrejoin } from './prejoin/prejoin.js';
import { Banner } from './banner.js';
import { readCallParams } from './call-params.js';
import { sessionResumeTokens } from './resume-tokens.js';
import { wireControls } from './features/controls.js';
import { startAudioLevels } from './stage/audio-levels.js';
import { wireRecording } from './recording/recording.js';
import { wireScreenShare } from './features/screen-share.js';
import { wireVideoFilterPicker } from './features/video-filter-picker.js';
import { wireInviteLink } from './features/invite-link.js';
import { takeStashedPassword } from '../shared/room-password-stash.js';
import { askPassword } from './features/password-prompt.js';
import { wireRoomLock } from './features/room-lock.js';
import { showState } from './show-state.js';
import { TileGrid } from './stage/tile-grid.js';
import { wireVerifyWords } from './features/verify-words.js';
import { wireUnconnectedWarning } from './features/unconnected-warning.js';
import { startWidgetPlatform } from './widgets/widget-platform.js';

const log = createLogger('call');
logUnhandledRejections(log);

const banner = new Banner();
const page = new AbortController();

function rtcConfigFrom(settings: Settings): RTCConfiguration {
  return {
    iceServers: settings.iceServers,
    iceTransportPolicy: settings.relayOnly ? 'relay' : 'all',
    bundlePolicy: 'max-bundle',
  };
}

async function main(): Promise<void> {
  const link = readCallParams(location.search);
  if (!link.ok) {
    banner.show(
      `This call link has no valid room (${link.reason}). Open TFX Sessions from the toolbar to start or join a call.`,
      'error',
    );
    return;
  }
  const params = link.value;
  const settings = await loadSettings();
  // The page's address is not trusted to choose the server: only a configured one is used.
  if (params.server && !isConfiguredServer(params.server, settings.serverUrl)) {
    banner.show(errors.unknownServer(params.server).message, 'error');
    return;
  }
  const serverUrl = params.server ?? settings.serverUrl;
  document.title = `Call ${params.room} · TFX Sessions`;
  document.querySelector('#title')!.textContent = `Room ${params.room}`;
  wireInviteLink(`${serverUrl}/r/${params.room}`, page.signal);

  // The camera and microphone start for the preview only: nothing leaves this browser, and no
  // server hears of this person, until Join now.
  const media = new LocalMediaController();
  const started = media.start();
  const name = await runPrejoin({ media, name: params.name ?? settings.displayName, started });
  const local = await started;
  if (name !== settings.displayName) {
    // Remembering the name is a convenience: a full or broken store must not stop the call.
    saveSettings({ displayName: name }).catch((error: unknown) => {
      log.warn('Could not remember the name', error);
      banner.show(`Your name could not be remembered for next time (${String(error)}).`, 'warning');
    });
  }
  const session = new CallSession({
    room: params.room,
    name,
    serverUrl,
    rtcConfig: rtcConfigFrom(settings),
    log,
    password: await takeStashedPassword(params.room),
    resumeTokens: sessionResumeTokens(params.room),
    media,
  });
  const grid = new TileGrid(document.querySelector<HTMLElement>('#grid')!, (resume) =>
    banner.show('Your browser blocked the call audio.', 'warning', {
      label: 'Turn on sound',
      run: resume,
    }),
  );
  const signal = page.signal;
  const relayWithoutTurn = () =>
    settings.relayOnly &&
    !(session.rtcConfig.iceServers ?? []).some((server) =>
      [server.urls].flat().some((url) => /^turns?:/.test(url)),
    );

  session.on(
    'stateChanged',
    (state) => {
      if (state.kind === 'password-needed') {
        void askPassword(state.wrong).then((password) => session.submitPassword(password));
      }
      showState(banner, state, local.notice, serverUrl, relayWithoutTurn());
    },
    { signal },
  );
  session.on('participantJoined', (peer) => grid.showPeer(peer), { signal });
  session.on('participantUpdated', (peer) => grid.showPeer(peer), { signal });
  session.on('participantLeft', (peerId) => grid.remove(peerId), { signal });
  session.on('linkStateChanged', ({ peerId, state }) => grid.setLinkState(peerId, state), {
    signal,
  });
  session.on('remoteStreamChanged', ({ peerId, stream }) => grid.setStream(peerId, stream), {
    signal,
  });
  session.media.on('mediaStateChanged', (media) => grid.updateSelf(media), { signal });

  const leave = (): void => void session.leave();
  // Leaving by closing or reloading the page: a reload comes back as the same person.
  const pageGone = (): void => void session.leave({ mayReturn: true });
  document.querySelector('#rejoin')!.addEventListener('click', () => location.reload(), { signal });
  document
    .querySelector('#close-window')!
    .addEventListener('click', () => window.close(), { signal });
  window.addEventListener('pagehide', pageGone, { signal });

  // Being in the call is shorter than the page: widgets run only while the person is in the
  // call, and end with everything they started when they leave or the call moves elsewhere.
  const inCall = new AbortController();
  signal.addEventListener('abort', () => inCall.abort(), { once: true });
  const widgets = await startWidgetPlatform({
    session,
    room: params.room,
    name,
    log,
    signal: inCall.signal,
  });
  session.start();
  // Device labels are only readable once the camera and microphone were granted.
  wireControls(session.media, leave, log, signal);
  wireScreenShare(session, grid, log, signal);
  wireVideoFilterPicker(session.media, signal);
  startAudioLevels(session, grid, signal);
  wireRecording({ session, grid, ...widgets, room: params.room, log, signal });
  wireRoomLock(session, log, signal);
  wireVerifyWords(session, grid, signal);
  wireUnconnectedWarning(session, inCall.signal);
  grid.showSelf(name, session.media.preview, session.media.state);
  showState(banner, session.state, local.notice, serverUrl, relayWithoutTurn());
  // Registered last, so the recording (above) has saved itself before its widgets go.
  session.on(
    'stateChanged',
    (state) => {
      if (state.kind === 'left' || state.kind === 'moved') inCall.abort();
    },
    { signal },
  );
}

void main().catch((error: unknown) => {
  log.error('The call page failed to start', error);
  banner.show(`Something went wrong starting the call: ${String(error)}`, 'error', {
    label: 'Try again',
    run: () => location.reload(),
  });
});
