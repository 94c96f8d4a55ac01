import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import {
  CALL_PAGE,
  eventually,
  joinNow,
  launchPerson,
  openCallPage,
  type Person,
} from './harness/browser.js';
import { expectState, openMenu, tileOf } from './harness/call-page.js';
import { capturedTracks, trackMediaCaptures } from './harness/media-captures.js';

const PORT = 8089;
const SERVER = `http://127.0.0.1:${PORT}`;

// A private room: Ana sets a password when she starts the call, Bea needs it, and once everyone
// is in, Ana locks the room so nobody else gets in, password or not.
describe('room password and lock', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  let room = '';

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('starts a call from the popup with a room password', async () => {
    const person = people[0]!;
    const options = await person.context.newPage();
    await options.goto(person.extensionUrl('src/options/options.html'));
    await options.getByLabel('Signalling server URL').fill(SERVER);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText(/^Saved\./).waitFor();
    const popup = await person.context.newPage();
    await popup.goto(person.extensionUrl('src/popup/popup.html'));
    room = await popup.getByLabel('Room', { exact: true }).inputValue();
    await popup.getByLabel('Your name').fill('Ana');
    await popup.getByLabel(/Room password/).fill('open sesame');
    const callWindow = person.context.waitForEvent('page', (page) =>
      page.url().includes(CALL_PAGE),
    );
    await popup.getByRole('button', { name: 'Start call' }).click();
    ana = await callWindow;
    await joinNow(ana);
    await ana.getByRole('button', { name: 'More', exact: true }).waitFor();
    // The password never travels in the URL.
    expect(ana.url()).not.toContain('sesame');
  });

  it('asks Bea for the password before she joins, says when it is wrong, and lets her in with the right one', async () => {
    bea = await openCallPage(people[1]!, room, 'Bea', SERVER);
    // The pre-join step knows the room has a password, and does not say who is in it.
    await bea
      .getByRole('status')
      .getByText('1 person is in this call. It has a password.')
      .waitFor();
    expect(await bea.getByText('Ana').count()).toBe(0);
    await bea
      .getByRole('region', { name: 'Ready to join?' })
      .getByLabel('Room password')
      .fill('open says me');
    await joinNow(bea);
    const asked = bea.getByRole('form', { name: 'This room has a password' });
    await asked.getByText('That password is not right for this room. Try again.').waitFor();
    await asked.getByLabel('Room password').fill('open sesame');
    await bea.getByRole('button', { name: 'Join call' }).click();
    await expectState(tileOf(bea, 'Ana'), 'connected');
    await expectState(tileOf(ana, 'Bea'), 'connected');
  });

  it('lets Ana lock the room, shows it to Bea, and turns a newcomer away before their camera is sent anywhere', async () => {
    await openMenu(ana, 'More');
    await ana.getByRole('button', { name: 'Lock room' }).click();
    await openMenu(bea, 'More');
    await bea.getByRole('button', { name: 'Unlock room' }).waitFor();
    const cal = await launchPerson({ initScripts: [trackMediaCaptures] });
    people.push(cal);
    const calPage = await openCallPage(cal, room, 'Cal', SERVER);
    // One card, in place of the pre-join step: why, that the camera is off, and the way on.
    const card = calPage.getByRole('main', { name: "You can't join this room" });
    await card.getByText(/^This room is locked/).waitFor();
    await card.getByText('Your camera and microphone are off.').waitFor();
    expect(await calPage.getByRole('button', { name: 'Join now' }).isVisible()).toBe(false);
    await eventually('Cal’s camera and microphone are released', async () =>
      (await capturedTracks(calPage)).every((track) => !track.live),
    );
    const startNew = card.getByRole('button', { name: 'Start a new room' });
    expect(await startNew.evaluate((button) => button === document.activeElement)).toBe(true);
    await calPage.screenshot({ path: 'docs/screenshots/refused-locked.png' });
    expect(await tileOf(ana, 'Cal').count()).toBe(0);
    await startNew.click();
    await eventually('Cal is at the pre-join of a new room', () => {
      const newRoom = new URL(calPage.url()).searchParams.get('room');
      return newRoom !== null && newRoom !== room;
    });
    await calPage.getByRole('status').getByText('No one is here yet.').waitFor();
  });
});
