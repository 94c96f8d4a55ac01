import type { SessionState } from '../session/call-session.js';
import { assertNever } from '../shared/assert-never.js';
import { newRoomId } from '../shared/room-id.js';
import type { Banner } from './banner.js';
import { showRefusal } from './prejoin/refusal-card.js';
import { t } from '../shared/i18n.js';
import { errorText } from '../shared/error-text.js';

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
      return banner.show(t('state_joining'), 'info');
    case 'in-call':
      controls.hidden = false;
      if (relayWithoutTurn) {
        return banner.show(t('state_relay_without_turn'), 'error');
      }
      return notice ? banner.show(notice, 'warning') : banner.hide();
    case 'server-unreachable':
      return banner.show(t('state_server_unreachable', serverUrl), 'warning');
    case 'reconnecting':
      return banner.show(t('state_reconnecting'), 'warning');
    case 'room-full':
    case 'room-locked':
      // Filled or locked between the pre-join's look and Join now: the same card as before it.
      return showRefusal(
        errorText({ code: state.kind === 'room-full' ? 'ROOM_FULL' : 'ROOM_LOCKED' }),
        () => goToRoom(newRoomId()),
      );
    case 'password-needed':
      return state.wrong
        ? banner.show(errorText({ code: 'WRONG_PASSWORD' }), 'error')
        : banner.show(errorText({ code: 'PASSWORD_REQUIRED' }), 'info');
    case 'refused':
      return banner.show(t('state_refused', errorText(state.error)), 'error');
    case 'moved':
      controls.hidden = true;
      return banner.show(t('state_moved'), 'info');
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
