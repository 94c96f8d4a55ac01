import type { CallContext } from '../call-context.js';
import type { MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_stage';

/** Keeps the tiles in step with the call: who is in it, their video, their connection. */
export function start({ session, grid, name }: CallContext, signal: AbortSignal): void {
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
  grid.showSelf(name, session.media.preview, session.media.state);
}
