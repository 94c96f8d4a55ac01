import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, openMenu, tileOf } from './harness/call-page.js';

const PORT = 8113;
const SERVER = `http://127.0.0.1:${PORT}`;

const notice = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).first();

describe('presence and the keyboard', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  const room = `presence-${Date.now()}`;

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

  it('tells Ana, politely, that Bea joined; Bea is not told Ana "joined"', async () => {
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await notice(ana, 'Bea joined the call').waitFor();
    expect(await ana.locator('#toasts').getAttribute('aria-live')).toBe('polite');
    await expectState(tileOf(bea, 'Ana'), 'connected');
    expect(await bea.getByText('Ana joined the call').count()).toBe(0);
  });

  it('shows Bea’s raised hand on her tile for Ana, with a notice, until she lowers it', async () => {
    await expectState(tileOf(ana, 'Bea'), 'connected');
    const raise = bea.getByRole('button', { name: 'Raise hand' });
    await raise.click();
    expect(await raise.getAttribute('aria-pressed')).toBe('true');
    const hand = tileOf(ana, 'Bea').getByRole('img', { name: 'Hand raised' });
    await hand.waitFor();
    await notice(ana, 'Bea raised a hand').waitFor();
    await raise.click();
    await hand.waitFor({ state: 'detached' });
  });

  it('answers Meet’s shortcuts: Ctrl+D the microphone, Ctrl+E the camera, ? the list', async () => {
    await bea.locator('body').click({ position: { x: 5, y: 5 } });
    await bea.keyboard.press('Control+d');
    await bea.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await tileOf(ana, 'Bea').getByText('Microphone off').waitFor();
    await bea.keyboard.press('Control+d');
    await bea.getByRole('button', { name: 'Mute microphone' }).waitFor();
    await bea.keyboard.press('Control+e');
    await bea.getByRole('button', { name: 'Turn camera on' }).waitFor();
    await bea.keyboard.press('Control+e');
    await bea.getByRole('button', { name: 'Turn camera off' }).waitFor();
    await bea.keyboard.press('Control+Alt+h');
    await tileOf(ana, 'Bea').getByRole('img', { name: 'Hand raised' }).waitFor();
    await bea.keyboard.press('Shift+?');
    const sheet = bea.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.getByRole('term').allTextContents()).toEqual([
      'Ctrl + D',
      'Ctrl + E',
      'Ctrl + Alt + H',
      '?',
    ]);
    await bea.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    expect(
      await bea.getByRole('button', { name: 'Mute microphone' }).getAttribute('aria-keyshortcuts'),
    ).toBe('Control+D');
  });

  it('floats Bea’s reaction over her tile for Ana, and says who reacted', async () => {
    await openMenu(bea, 'React');
    await bea
      .getByRole('group', { name: 'Send a reaction' })
      .getByRole('button', { name: 'Thumbs up' })
      .click();
    await notice(ana, 'Bea reacted 👍').waitFor();
    await tileOf(ana, 'Bea').getByText('👍').waitFor();
    await tileOf(ana, 'Bea').getByText('👍').waitFor({ state: 'detached' });
  });

  it('tells Bea she is muted when she talks while muted, and stops when she unmutes', async () => {
    const reminder = notice(bea, "You're muted");
    await bea.keyboard.press('Control+d');
    await bea.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    // The fake microphone beeps: to the muted call, that is someone talking.
    await reminder.waitFor();
    await bea.screenshot({ path: 'docs/screenshots/muted-reminder.png' });
    await bea.getByRole('button', { name: 'Unmute microphone' }).click();
    await reminder.waitFor({ state: 'detached' });
  });

  it('tells Ana that Bea left, and puts Bea’s focus on Rejoin', async () => {
    await bea.getByRole('button', { name: 'Leave' }).click();
    const rejoin = bea.getByRole('button', { name: 'Rejoin' });
    await rejoin.waitFor();
    expect(await rejoin.evaluate((button) => button === document.activeElement)).toBe(true);
    await notice(ana, 'Bea left the call').waitFor();
    await ana.screenshot({ path: 'docs/screenshots/presence.png' });
  });
});
