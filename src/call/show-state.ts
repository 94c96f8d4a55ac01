import type { SessionState } from '../session/call-session.js';
import { assertNever } from '../shared/assert-never.js';
import { newRoomId } from '../shared/room-id.js';
import type { Banner } from './banner.js';
import { showRefusal } from './prejoin/refusal-card.js';

/** Opens this call page on another room, keeping the server and the person's name. */
export function goToRoom(room: string): void {
  const url = new URL(location.href);
  url.searchParams.set('room', room);
  location.assign(url.toString());
}

/** What the page shows for each state of the call: the banner, the controls, the leave screen. */
export function showState(
  banner: Banner,
  state: SessionState,
  notice: string | undefined,
  serverUrl: string,
  relayWithoutTurn = false,
): void {
  const controls = document.querySelector<HTMLElement>('#controls')!;
  switch (state.kind) {
    case 'joining':
      return banner.show('Joining the call…', 'info');
    case 'in-call':
      controls.hidden = false;
      if (relayWithoutTurn) {
        return banner.show(
          'Relay only is on, but neither your settings nor the signalling server name a TURN server, so no one can connect to you. Add one in Settings.',
          'error',
        );
      }
      return notice ? banner.show(notice, 'warning') : banner.hide();
    case 'server-unreachable':
      return banner.show(
        `Can't reach the signalling server at ${serverUrl}. Retrying automatically…`,
        'warning',
      );
    case 'reconnecting':
      return banner.show(
        'Lost the signalling server. Your call continues; reconnecting…',
        'warning',
      );
    case 'room-full':
    case 'room-locked':
      // Filled or locked between the pre-join's look and Join now: the same card as before it.
      return showRefusal(state.message, () => goToRoom(newRoomId()));
    case 'password-needed':
      return state.wrong
        ? banner.show('That password is not right for this room.', 'error')
        : banner.show('This room is protected by a password.', 'info');
    case 'refused':
      return banner.show(`The server refused to let you join: ${state.error.message}`, 'error');
    case 'moved':
      controls.hidden = true;
      return banner.show('This call continued in another tab or window.', 'info');
    case 'left':
      controls.hidden = true;
      banner.hide();
      document.querySelector<HTMLElement>('#grid')!.hidden = true;
      document.querySelector<HTMLElement>('#left-screen')!.hidden = false;
      // The Leave button is gone: focus goes where the person is most likely to go next.
      document.querySelector<HTMLElement>('#rejoin')!.focus();
      return;
    default:
      return assertNever(state);
  }
}
