import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { axeViolations } from './harness/axe.js';
import { atPrejoin, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, openWidget, tileOf } from './harness/call-page.js';

const PORT = 8115;
const SERVER = `http://127.0.0.1:${PORT}`;

// axe-core on every page a person meets, with zero violations of any impact.
describe('accessibility', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  const room = `a11y-${Date.now()}`;

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

  it('a call of two with Chat and Code open', async () => {
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await openWidget(ana, 'Chat');
    await openWidget(ana, 'Code');
    await ana.frameLocator('iframe[title="Code"]').getByRole('textbox', { name: 'Code' }).waitFor();
    expect(await axeViolations(ana)).toEqual([]);
    await ana.getByRole('tab', { name: 'Chat' }).click();
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
      const page = await plain.newPage();
      await page.goto(`${SERVER}/r/${room}`);
      await page.getByText('TFX Sessions is not installed in this browser.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
