import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_WEB_OUT_DIR } from '../../scripts/build-target.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import {
  CALL_PAGE,
  eventually,
  launchPerson,
  launchWithoutExtension,
  openCall,
  type BrowserOnlyPerson,
  type Person,
} from './harness/browser.js';
import { expectState, tileOf } from './harness/call-page.js';
import { startEmbeddingSite, type EmbeddingSite } from './harness/embedding-site.js';

// The build's own server: its invite pages are the ones the e2e extension answers.
const SERVER_PORT = 8084;
const SERVER = `http://127.0.0.1:${SERVER_PORT}`;

type Seen = { event: string; peer?: { name: string }; room?: string; code?: string }[];
const seenBy = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

// A website on another local origin embeds the call and gets its events; a site the operator
// did not allow cannot frame it; a "Click to call" button opens the extension where it is
// installed and the web client where it is not.
describe('calls on websites', () => {
  let server: SignallingServer;
  let shop: EmbeddingSite;
  let stranger: EmbeddingSite;
  let visitor: BrowserOnlyPerson;
  let ana: Person;

  beforeAll(async () => {
    // The shop is allowed to embed; the stranger, on yet another origin, is not.
    shop = await startEmbeddingSite('127.0.0.2', 8119, SERVER);
    stranger = await startEmbeddingSite('127.0.0.3', 8120, SERVER);
    server = createSignallingServer(
      {
        ...DEFAULT_CONFIG,
        port: SERVER_PORT,
        webRoot: resolve(E2E_WEB_OUT_DIR),
        embedOrigins: [shop.origin],
      },
      createServerLogger('silent'),
    );
    await server.listen();
    [visitor, ana] = await Promise.all([launchWithoutExtension(), launchPerson()]);
  });

  afterAll(async () => {
    await Promise.all([visitor?.close(), ana?.close()]);
    await server?.close();
    await Promise.all([shop?.close(), stranger?.close()]);
  });

  it('embeds the call in an allowed site, whose script sees joined, peerJoined and the rest', async () => {
    const room = newRoomId();
    const site = await visitor.context.newPage();
    await site.goto(`${shop.origin}/?room=${room}&mode=embed`);
    const call = site.frameLocator('iframe[title="Video call"]');
    await call.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    // The embed sends nothing before the visitor clicks Join now.
    expect(await seenBy(site)).toEqual([]);
    await call.getByRole('button', { name: 'Join now' }).click();
    await eventually('the site hears joined', async () =>
      (await seenBy(site)).some((seen) => seen.event === 'joined' && seen.room === room),
    );
    const anaPage = await openCall(ana, room, 'Ana', SERVER);
    await expectState(tileOf(anaPage, 'Site visitor'), 'connected');
    await eventually('the site hears peerJoined for Ana', async () =>
      (await seenBy(site)).some((seen) => seen.event === 'peerJoined' && seen.peer?.name === 'Ana'),
    );
    await site.screenshot({ path: 'docs/screenshots/embed-in-site.png' });

    // The site's own buttons drive the call through the embed API.
    await site.getByRole('button', { name: 'Mute the call' }).click();
    await tileOf(anaPage, 'Site visitor').getByText('Microphone off').waitFor();
    await anaPage.getByRole('button', { name: 'Leave' }).click();
    await eventually('the site hears peerLeft for Ana', async () =>
      (await seenBy(site)).some((seen) => seen.event === 'peerLeft' && seen.peer?.name === 'Ana'),
    );
    await site.getByRole('button', { name: 'End the call' }).click();
    await call.getByRole('heading', { name: 'You left the call.' }).waitFor();
    // A frame is not a window of its own: no Close window that would do nothing.
    expect(await call.getByRole('button', { name: 'Close window' }).isVisible()).toBe(false);
    await eventually('the site hears left', async () =>
      (await seenBy(site)).some((seen) => seen.event === 'left'),
    );
    expect((await seenBy(site)).map((seen) => seen.event)).toEqual([
      'joined',
      'peerJoined',
      'peerLeft',
      'left',
    ]);
    await Promise.all([site.close(), anaPage.close()]);
  });

  it('refuses to be framed by a site the server does not allow', async () => {
    const site = await visitor.context.newPage();
    const refused = site.waitForEvent('console', {
      predicate: (message) => /frame-ancestors/.test(message.text()),
    });
    await site.goto(`${stranger.origin}/?room=${newRoomId()}&mode=embed`);
    // Chromium says why it blocked the frame, and the call never appears in it.
    expect((await refused).text()).toContain(`"frame-ancestors ${shop.origin}"`);
    const call = site.frameLocator('iframe[title="Video call"]');
    await site.waitForTimeout(1000);
    expect(await call.getByRole('button', { name: 'Join now' }).count()).toBe(0);
    expect(await seenBy(site)).toEqual([]);
    await site.close();
  });

  it('opens click-to-call in the web client when the extension is not installed', async () => {
    const room = newRoomId();
    const site = await visitor.context.newPage();
    await site.goto(`${shop.origin}/?room=${room}&mode=button`);
    const popup = visitor.context.waitForEvent('page');
    await site.getByRole('button', { name: 'Call us' }).click();
    const call = await popup;
    await call.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    expect(new URL(call.url()).origin).toBe(SERVER);
    expect(new URL(call.url()).pathname).toBe('/call');
    await Promise.all([site.close(), call.close()]);
  });

  it('opens click-to-call in the extension where it is installed', async () => {
    const room = newRoomId();
    await ana.useServer(SERVER);
    const site = await ana.context.newPage();
    await site.goto(`${shop.origin}/?room=${room}&mode=button`);
    const callWindow = ana.context.waitForEvent('page', {
      predicate: (page) => page.url().startsWith(ana.extensionUrl(CALL_PAGE)),
    });
    await site.getByRole('button', { name: 'Call us' }).click();
    const call = await callWindow;
    await call.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    expect(new URL(call.url()).searchParams.get('room')).toBe(room);
    // The button's own window handed the call over and closed itself.
    await eventually('the invite window closed', () =>
      ana.context.pages().every((page) => !page.url().includes('/r/')),
    );
    await site.close();
  });
});
