import { platform } from '../platform/current.js';
import type { ResumeTokenStore } from '../session/call-session.js';

/**
 * The resume token for one room, in this tab's session storage: it survives a reload of the call
 * page (which then rejoins as the same person) and dies with the tab, so a new call window is a
 * new person.
 */
export function sessionResumeTokens(room: string): ResumeTokenStore {
  const key = `tfx:resume:${room}`;
  return {
    load: () => platform.tab.getItem(key) ?? undefined,
    save: (token) => platform.tab.setItem(key, token),
  };
}
