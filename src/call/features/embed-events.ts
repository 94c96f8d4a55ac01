import type { SessionState } from '../../session/call-session.js';
import type { CallContext } from '../call-context.js';
import { embedderWindow } from '../embedder-window.js';
import type { MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_embed_events';

/** The states that end a join attempt, as the error code the embedding page sees. */
function errorOf(state: SessionState): { code: string; message: string } | undefined {
  switch (state.kind) {
    case 'room-full':
      return { code: 'ROOM_FULL', message: state.message };
    case 'room-locked':
      return { code: 'ROOM_LOCKED', message: state.message };
    case 'refused':
      return { code: state.error.code, message: state.error.message };
    case 'server-unreachable':
      return { code: 'SERVER_UNREACHABLE', message: `Cannot reach ${state.serverUrl}` };
    case 'joining':
    case 'reconnecting':
    case 'in-call':
    case 'password-needed':
    case 'left':
    case 'moved':
      return undefined;
  }
}

/**
 * Tells the website that embeds this call (see src/web/embed.ts) when the person joined and
 * left and who came and went, and takes its mute and leave commands. Nothing runs when the
 * call is not embedded.
 */
export function start({ session, room, name }: CallContext, signal: AbortSignal): void {
  const embedder = embedderWindow();
  if (!embedder) return;
  const names = new Map<string, string>();
  let joined = false;
  session.on(
    'stateChanged',
    (state) => {
      if (state.kind === 'in-call' && !joined) {
        joined = true;
        embedder.post('joined', { room, name });
      } else if ((state.kind === 'left' || state.kind === 'moved') && joined) {
        joined = false;
        embedder.post('left', {});
      }
      const error = errorOf(state);
      if (error) embedder.post('error', error);
    },
    { signal },
  );
  session.on(
    'participantJoined',
    (peer) => {
      names.set(peer.id, peer.name);
      embedder.post('peerJoined', { peer: { id: peer.id, name: peer.name } });
    },
    { signal },
  );
  session.on(
    'participantLeft',
    (peerId) => {
      const name = names.get(peerId);
      names.delete(peerId);
      if (name !== undefined) embedder.post('peerLeft', { peer: { id: peerId, name } });
    },
    { signal },
  );
  embedder.onCommand((command) => {
    if (command.command === 'mute') session.media.setMicrophoneMuted(command.muted);
    else void session.leave();
  }, signal);
}
