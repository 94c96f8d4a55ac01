import { CallSession } from '../session/call-session.js';
import { SignallingClient } from '../signalling-client/signalling-client.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { isConfiguredServer } from '../shared/configured-servers.js';
import { loadSettings, saveSettings, type Settings } from '../shared/settings.js';
import { LocalMediaController } from '../session/local-media-controller.js';
import { takeStashedPassword } from '../shared/room-password-stash.js';
import { platform } from '../platform/current.js';
import { runPrejoin } from './prejoin/prejoin.js';
import { peekRoom } from './prejoin/room-peek.js';
import { newRoomId } from '../shared/room-id.js';
import { Banner } from './banner.js';
import { readCallParams } from './call-params.js';
import { embedderWindow } from './embedder-window.js';
import { wireCloseWindow } from './close-window.js';
import type { CallFeature } from './call-context.js';
import { PeerControlChannel } from './peer-control-channel.js';
import { sessionResumeTokens } from './resume-tokens.js';
import { goToRoom, showState } from './show-state.js';
import { startFeatures } from './start-features.js';
import { askPassword } from './features/password-prompt.js';
import { StageLayout } from './stage/stage-layout.js';
import { TileGrid } from './stage/tile-grid.js';
import { CallWidgetNetwork } from './widgets/call-widget-network.js';
import * as stage from './stage/stage.js';
import * as audioLevels from './stage/audio-levels.js';
import * as controlBar from './features/control-bar.js';
import * as controls from './features/controls.js';
import * as screenShare from './features/screen-share.js';
import * as videoFilters from './features/video-filter-picker.js';
import * as faceEffects from './features/face-effect-picker.js';
import * as backgrounds from './features/background-picker.js';
import * as inviteLink from './features/invite-link.js';
import * as emptyState from './features/empty-state.js';
import * as roomLock from './features/room-lock.js';
import * as verifyWords from './features/verify-words.js';
import * as unconnectedWarning from './features/unconnected-warning.js';
import * as presence from './features/presence.js';
import * as reactions from './features/reactions.js';
import * as mutedSpeaking from './features/muted-speaking.js';
import * as shortcuts from './features/shortcuts.js';
import * as embedEvents from './features/embed-events.js';
import * as recording from './recording/recording.js';
import * as widgets from './widgets/widget-platform.js';
import { prepareMessages, t, translatePage } from '../shared/i18n.js';

/**
 * Everything the call page does while the person is in the call. Recording comes before the
 * widgets so that, on leaving, it has saved itself before their frames go.
 */
const FEATURES: readonly CallFeature[] = [
  stage,
  audioLevels,
  controlBar,
  controls,
  screenShare,
  videoFilters,
  faceEffects,
  backgrounds,
  inviteLink,
  emptyState,
  roomLock,
  verifyWords,
  unconnectedWarning,
  presence,
  reactions,
  mutedSpeaking,
  shortcuts,
  embedEvents,
  recording,
  widgets,
];

const log = createLogger('call');
logUnhandledRejections(log);
const banner = new Banner();

// The key type Chromium makes for a connection by default (the DOM types lack its curve).
const ecdsaP256 = { name: 'ECDSA', namedCurve: 'P-256' } as AlgorithmIdentifier;

function rtcConfigFrom(settings: Settings): RTCConfiguration {
  return {
    iceServers: settings.iceServers,
    iceTransportPolicy: settings.relayOnly ? 'relay' : 'all',
    bundlePolicy: 'max-bundle',
  };
}

async function main(): Promise<void> {
  // Before anything else: later code changes some of what is translated here.
  await prepareMessages(platform);
  translatePage(document);
  const link = readCallParams(location.search);
  if (!link.ok) {
    banner.show(t('call_link_invalid', link.reason), 'error');
    return;
  }
  const params = link.value;
  const settings = await loadSettings();
  // The page's address is not trusted to choose the server: only a configured one is used.
  // The web client has no choice to make: it talks to the server that served it.
  const serverUrl = platform.fixedServer ?? params.server ?? settings.serverUrl;
  if (
    !platform.fixedServer &&
    params.server &&
    !isConfiguredServer(serverUrl, settings.serverUrl)
  ) {
    banner.show(t('call_unknown_server', serverUrl), 'error');
    return;
  }
  document.querySelector<HTMLElement>('#in-browser')!.hidden = platform.kind !== 'web';
  document.title = t('call_window_title', params.room);
  document.querySelector('#title')!.textContent = t('call_room_title', params.room);

  // The camera and microphone start for the preview only: nothing leaves this browser until
  // Join now. What Join now would otherwise wait for is made ready meanwhile: the connection to
  // the server (it hears no name and no room until the join), and the certificate every peer
  // connection of this page presents.
  const media = new LocalMediaController();
  const started = media.start();
  for (const feature of FEATURES) feature.prepare?.();
  const early = new AbortController();
  const signalling = new SignallingClient(serverUrl, log, early.signal);
  const certificate = RTCPeerConnection.generateCertificate(ecdsaP256).catch((error: unknown) => {
    log.warn('No certificate made ahead; each connection makes its own', error);
    return undefined;
  });
  // Asking who is in the room joins no one: it lets the step answer lock and room-full before
  // the person commits, and stop the camera of someone who could not get in.
  const peeking = new AbortController();
  const stashedPassword = await takeStashedPassword(params.room);
  const { name, password } = await runPrejoin({
    media,
    name: params.name ?? settings.displayName,
    started,
    peek: peekRoom(serverUrl, params.room, peeking.signal),
    startNewRoom: () => goToRoom(newRoomId()),
    hasPassword: stashedPassword !== undefined,
    onRefused: (code, message) => embedderWindow()?.post('error', { code, message }),
  });
  peeking.abort();
  const local = await started;
  if (name !== settings.displayName) {
    // Remembering the name is a convenience: a full or broken store must not stop the call.
    saveSettings({ displayName: name }).catch((error: unknown) => {
      log.warn('Could not remember the name', error);
      banner.show(t('call_name_not_remembered', String(error)), 'warning');
    });
  }
  const madeAhead = await certificate;
  const session = new CallSession({
    room: params.room,
    name,
    serverUrl,
    rtcConfig: {
      ...rtcConfigFrom(settings),
      ...(madeAhead ? { certificates: [madeAhead] } : {}),
    },
    // The connection opened during the pre-join; it closes with the call.
    createSignalling: (_url, _log, ended) => {
      ended.addEventListener('abort', () => early.abort(), { once: true });
      return signalling;
    },
    log,
    password: password ?? stashedPassword,
    resumeTokens: sessionResumeTokens(params.room),
    media,
  });
  const stageElement = document.querySelector<HTMLElement>('#grid')!;
  new StageLayout(stageElement);
  const grid = new TileGrid(stageElement, (resume) =>
    banner.show(t('call_audio_blocked'), 'warning', {
      label: t('call_turn_on_sound'),
      run: resume,
    }),
  );
  const relayWithoutTurn = () =>
    settings.relayOnly &&
    !(session.rtcConfig.iceServers ?? []).some((server) =>
      [server.urls].flat().some((url) => /^turns?:/.test(url)),
    );
  // What the person is told once in the call: media that did not start, features that failed.
  let notice = local.notice;
  const show = (): void => showState(banner, session.state, notice, serverUrl, relayWithoutTurn());

  // The page outlives the call: what it shows after Leave, and its way back in, stay wired for
  // as long as the page is open.
  session.on('stateChanged', (state) => {
    if (state.kind === 'password-needed')
      void askPassword(state.wrong).then((password) => session.submitPassword(password));
    show();
  });
  document.querySelector('#rejoin')!.addEventListener('click', () => location.reload());
  wireCloseWindow(
    document.querySelector<HTMLButtonElement>('#close-window')!,
    document.querySelector<HTMLElement>('#left-screen h2')!,
  );
  // Leaving by closing or reloading the page: a reload comes back as the same person.
  window.addEventListener('pagehide', () => void session.leave({ mayReturn: true }));

  // Everything else lives only while the person is in the call: the pollers, the recording,
  // the widgets' frames and every listener end when they leave or the call moves elsewhere.
  const call = new AbortController();
  const network = new CallWidgetNetwork(session, name, log, call.signal);
  const ctx = {
    session,
    grid,
    room: params.room,
    name,
    inviteUrl: `${serverUrl}/r/${params.room}`,
    network,
    control: new PeerControlChannel(network, log, call.signal),
    log,
  };
  // Started before joining, so no message from a fast peer arrives before its feature listens.
  const failed = await startFeatures(FEATURES, ctx, call.signal);
  notice = [notice, failed].filter(Boolean).join(' ') || undefined;
  session.on('stateChanged', (state) => {
    if (state.kind === 'left' || state.kind === 'moved') call.abort();
  });
  session.start();
  show();
}

void main().catch((error: unknown) => {
  log.error('The call page failed to start', error);
  banner.show(t('call_failed_to_start', String(error)), 'error', {
    label: t('try_again'),
    run: () => location.reload(),
  });
});
