import { browser } from '../platform/browser.js';

const WINDOW_KEY = 'callWindowId';

/** Extension-relative path of the call page; `?room=<id>` on it joins that room directly. */
export const CALL_PAGE = 'src/call/call.html';

async function openCallWindowId(): Promise<number | undefined> {
  const stored: unknown = (await browser.storage.session.get(WINDOW_KEY))[WINDOW_KEY];
  if (typeof stored !== 'number') return undefined;
  try {
    await browser.windows.get(stored);
    return stored;
  } catch {
    return undefined; // the window was closed while the worker slept
  }
}

/**
 * Opens the call page for `room` in its own window, or focuses the call window that is already
 * open: one call at a time, so a second click never starts a second camera.
 */
export async function openCallWindow(
  room: string,
  { server, name }: { server?: string; name?: string } = {},
): Promise<'opened' | 'focused'> {
  const existing = await openCallWindowId();
  if (existing !== undefined) {
    await browser.windows.update(existing, { focused: true, drawAttention: true });
    return 'focused';
  }
  const params = new URLSearchParams({ room });
  if (server) params.set('server', server);
  if (name) params.set('name', name);
  const created = await browser.windows.create({
    url: browser.runtime.getURL(`${CALL_PAGE}?${params.toString()}`),
    type: 'popup',
    width: 1180,
    height: 800,
    focused: true,
  });
  await browser.storage.session.set({ [WINDOW_KEY]: created.id });
  return 'opened';
}

export function forgetClosedCallWindow(windowId: number): void {
  void openCallWindowId().then(async (id) => {
    if (id === windowId) await browser.storage.session.remove(WINDOW_KEY);
  });
}
