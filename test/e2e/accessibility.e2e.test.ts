import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { axeViolations } from './harness/axe.js';
import { atPrejoin, eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { chat } from './harness/chat.js';
import { expectState, openWidget, tileOf } from './harness/call-page.js';

const PORTS = { light: 8115, dark: 8116 } as const;

// axe-core on every page a person meets, with zero violations of any impact, in the system's
// light and dark settings (the pages follow it, so each has its own colours to check).
describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  const SERVER = `http://127.0.0.1:${PORTS[colorScheme]}`;
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  const room = `a11y-${colorScheme}-${Date.now()}`;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORTS[colorScheme] },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(
      ...(await Promise.all([launchPerson({ colorScheme }), launchPerson({ colorScheme })])),
    );
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('the popup', async () => {
    const popup = await people[0]!.context.newPage();
    await popup.goto(people[0]!.extensionUrl('src/popup/popup.html'));
    await popup.getByRole('button', { name: 'Start call' }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('the options page', async () => {
    const options = await people[0]!.context.newPage();
    await options.goto(people[0]!.extensionUrl('src/options/options.html'));
    await options.getByRole('button', { name: /save/i }).waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });

  it('the pre-join step', async () => {
    await people[1]!.useServer(SERVER);
    const page = await people[1]!.context.newPage();
    await page.goto(
      people[1]!.extensionUrl(
        `src/call/call.html?room=${room}-prejoin&name=Bea&server=${encodeURIComponent(SERVER)}`,
      ),
      { waitUntil: 'domcontentloaded' },
    );
    await atPrejoin(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('alone in the call, with the invite card', async () => {
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    await ana.getByRole('region', { name: "You're the only one here" }).waitFor();
    expect(await axeViolations(ana)).toEqual([]);
  });

  it('a call of two with Chat and Code open, and the offer of Code to Bea', async () => {
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await openWidget(ana, 'Chat');
    await chat(bea).getByRole('textbox', { name: 'Message' }).waitFor();
    await openWidget(ana, 'Code');
    await ana.frameLocator('iframe[title="Code"]').getByRole('textbox', { name: 'Code' }).waitFor();
    // The README's picture: this call at 1280×800, in each theme.
    await ana.setViewportSize({ width: 1280, height: 800 });
    await ana.screenshot({ path: `docs/screenshots/call-1280x800-${colorScheme}.png` });
    expect(await axeViolations(ana)).toEqual([]);
    await ana.getByRole('tab', { name: 'Chat' }).click();
    expect(await axeViolations(ana)).toEqual([]);
    await bea.getByRole('button', { name: 'Show Code' }).waitFor();
    expect(await axeViolations(bea)).toEqual([]);
  });

  it.each(['Draw', 'Files', 'Stats', 'Ping-pong'])('the %s widget', async (title) => {
    await openWidget(ana, title);
    await ana.getByRole('tab', { name: title, selected: true }).waitFor();
    const frame = ana.frameLocator(`iframe[title="${title}"]`);
    // The widget has taken the call's theme from the SDK: its page is styled as it will stay.
    await eventually(
      `${title} has connected`,
      async () => (await frame.locator(':root').getAttribute('data-theme')) === colorScheme,
    );
    expect(await axeViolations(ana)).toEqual([]);
  });

  it('the leave screen', async () => {
    await bea.getByRole('button', { name: 'Leave' }).click();
    await bea.getByRole('button', { name: 'Rejoin' }).waitFor();
    expect(await axeViolations(bea)).toEqual([]);
  });

  it('the invite page, without the extension', async () => {
    const plain = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const page = await plain.newPage({ colorScheme });
      await page.goto(`${SERVER}/r/${room}`);
      await page.getByText('TFX Sessions is not installed in this browser.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
