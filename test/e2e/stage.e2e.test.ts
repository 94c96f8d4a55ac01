import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { eventually, joinNow, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectVideoPlaying, openWidget, stageLayout, tileOf } from './harness/call-page.js';

const PORT = 8114;
const SERVER = `http://127.0.0.1:${PORT}`;
const SIZES = [
  [800, 600],
  [1280, 800],
  [1920, 1080],
] as const;

describe('the stage', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  const room = `stage-${Date.now()}`;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
    mkdirSync('docs/screenshots', { recursive: true });
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('gives someone alone the stage, with the controls in view, at every size', async () => {
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    for (const [width, height] of SIZES) {
      await ana.setViewportSize({ width, height });
      await eventually(`Ana's tile fills the stage at ${width}×${height}`, async () => {
        const layout = await stageLayout(ana);
        return layout.coverage >= 0.7 && layout.controlsInView;
      });
    }
  });

  it('offers the invite link to someone alone, warns that a loopback link stays on this computer, and goes when someone joins', async () => {
    await ana.setViewportSize({ width: 1280, height: 800 });
    const card = ana.getByRole('region', { name: "You're the only one here" });
    await card.waitFor();
    await card.getByText(`${SERVER}/r/${room}`).waitFor();
    await card.getByText('so it only opens on this computer').waitFor();
    for (const [width, height] of SIZES) {
      await ana.setViewportSize({ width, height });
      expect((await stageLayout(ana)).controlsInView).toBe(true);
      await ana.screenshot({ path: `docs/screenshots/alone-${width}x${height}.png` });
    }
    await ana.setViewportSize({ width: 1280, height: 800 });
    await card.getByRole('button', { name: 'Copy link' }).focus();
    await ana.keyboard.press('Enter');
    await card
      .getByRole('status')
      .filter({ hasText: /Invite link copied|Ctrl\+C/ })
      .waitFor();
    await card.getByRole('button', { name: 'Hide the invite card' }).click();
    await card.waitFor({ state: 'hidden' });
    expect(await ana.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).toContain(
      'Copy invite link',
    );
    // Hidden by hand, it stays hidden for this call; a new call shows it again.
    await ana.reload({ waitUntil: 'domcontentloaded' });
    await joinNow(ana);
    await card.waitFor();
  });

  it('puts the other person on the stage in a call of two, and you in a corner you can move', async () => {
    await ana.setViewportSize({ width: 1280, height: 800 });
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await ana
      .getByRole('region', { name: "You're the only one here" })
      .waitFor({ state: 'hidden' });
    expect(await bea.getByRole('region', { name: "You're the only one here" }).count()).toBe(0);
    for (const [width, height] of SIZES) {
      await ana.setViewportSize({ width, height });
      await eventually(`Bea fills Ana's stage at ${width}×${height}`, async () => {
        const { tiles, controlsInView } = await stageLayout(ana);
        const beaTile = tiles.find((tile) => tile.name === 'Bea');
        const own = tiles.find((tile) => tile.floating);
        return (
          controlsInView &&
          (beaTile?.share ?? 0) >= 0.7 &&
          own?.name === 'You (Ana)' &&
          own.share < 0.1
        );
      });
      await ana.screenshot({ path: `docs/screenshots/call-two-${width}x${height}.png` });
    }
    await ana.setViewportSize({ width: 1280, height: 800 });
    const own = tileOf(ana, 'You (Ana)');
    const before = (await own.boundingBox())!;
    await ana.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await ana.mouse.down();
    await ana.mouse.move(200, 200, { steps: 5 });
    await ana.mouse.up();
    const after = (await own.boundingBox())!;
    expect(after.x).toBeLessThan(before.x - 300);
    expect(after.y).toBeLessThan(before.y - 200);
  });

  it('pins a person onto the stage for you alone, and unpins', async () => {
    const pin = tileOf(ana, 'Bea').getByRole('button', { name: 'Pin' });
    await pin.click();
    expect(await pin.getAttribute('aria-pressed')).toBe('true');
    await eventually('Bea is on the stage and Ana in the strip', async () => {
      const { tiles } = await stageLayout(ana);
      const beaTile = tiles.find((tile) => tile.name === 'Bea');
      const own = tiles.find((tile) => tile.name === 'You (Ana)');
      return !!beaTile?.onStage && (beaTile.share ?? 0) > 0.5 && !own?.floating;
    });
    // Bea's view does not change.
    expect((await stageLayout(bea)).tiles.some((tile) => tile.onStage)).toBe(false);
    await pin.click();
    await eventually('the call of two is back', async () =>
      (await stageLayout(ana)).tiles.some((tile) => tile.floating),
    );
  });

  it('moves the focus into a widget opened from the dock, along tabs by arrow keys, and back', async () => {
    const focused = (page: Page) =>
      page.evaluate(() => {
        const active = document.activeElement;
        const name =
          active?.getAttribute('title') ??
          active?.getAttribute('aria-label') ??
          active?.textContent;
        return (name ?? '').trim();
      });
    await openWidget(ana, 'Chat');
    await eventually('the focus is in Chat', async () => (await focused(ana)) === 'Chat');
    await openWidget(ana, 'Draw');
    await eventually('the focus is in Draw', async () => (await focused(ana)) === 'Draw');
    // Bea had them opened by Ana: her focus stays where it was.
    expect(['Chat', 'Draw']).not.toContain(await focused(bea));
    const drawTab = ana.getByRole('tab', { name: 'Draw' });
    await drawTab.focus();
    await ana.keyboard.press('ArrowLeft');
    const chatTab = ana.getByRole('tab', { name: 'Chat' });
    expect(await chatTab.getAttribute('aria-selected')).toBe('true');
    expect(await focused(ana)).toBe('Chat');
    await ana.keyboard.press('Delete');
    await chatTab.waitFor({ state: 'hidden' });
    expect(await drawTab.getAttribute('aria-selected')).toBe('true');
    expect(await focused(ana)).toBe('Draw');
    await ana.getByRole('button', { name: 'Close Draw' }).click();
    await ana.getByRole('complementary', { name: 'Widgets' }).waitFor({ state: 'hidden' });
    expect(await focused(ana)).toBe('Widgets');
  });
});
