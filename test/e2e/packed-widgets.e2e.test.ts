import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWidget } from '../../scripts/pack-widget.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { axeViolations } from './harness/axe.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, openWidget, tileOf } from './harness/call-page.js';

const PORT = 8121;
const SERVER = `http://127.0.0.1:${PORT}`;
const OPTIONS_PAGE = 'src/options/options.html';

/** Adds a file in Settings → Your widgets, as a person does: the button, then the file. */
async function addWidgetFile(settings: Page, file: string): Promise<string> {
  const chooser = settings.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Add widget…' }).click();
  await (await chooser).setFiles(file);
  const status = settings.locator('#widget-status');
  await status
    .filter({ hasNotText: /^Checking/ })
    .filter({ hasText: /./ })
    .waitFor();
  return (await status.textContent()) ?? '';
}

// A widget that only this test knows (test/fixtures/packable), packed into a .tfxwidget and
// added in Settings, runs in a call from the runner page; bad files are refused with the reason.
describe('widgets added from a file', () => {
  let server: SignallingServer;
  let ana: Person;
  let bea: Person;
  let folder: string;
  let tally: string;
  let sha256: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tfx-packed-'));
    const packed = await packWidget(
      'tally',
      [
        {
          manifestFile: 'test/fixtures/packable/widgetmanifest.json',
          pagesDir: 'test/fixtures/packable',
        },
      ],
      folder,
    );
    tally = packed.file;
    sha256 = packed.bundle.sha256;
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    [ana, bea] = await Promise.all([launchPerson(), launchPerson()]);
  });

  afterAll(async () => {
    await Promise.all([ana?.close(), bea?.close()]);
    await server?.close();
  });

  it('refuses a bad file with its reason, and adds nothing', async () => {
    const settings = await ana.context.newPage();
    await settings.goto(ana.extensionUrl(OPTIONS_PAGE));
    await settings.getByText('You have not added any widgets.').waitFor();
    const files = unzipSync(new Uint8Array(readFileSync(tally)));
    const variant = (name: string, change: (copy: typeof files) => void) => {
      const copy = { ...files };
      change(copy);
      const path = join(folder, name);
      writeFileSync(path, zipSync(copy));
      return path;
    };
    const noise = new Uint8Array(11 * 1024 * 1024);
    for (let at = 0; at < noise.length; at += 65536)
      crypto.getRandomValues(noise.subarray(at, at + 65536));
    const cases: [string, string][] = [
      [
        variant('climbs.tfxwidget', (copy) => (copy['widgets/tally/../../evil.js'] = strToU8('x'))),
        'BUNDLE_BAD_PATH: the path "widgets/tally/../../evil.js" leaves its folder',
      ],
      [
        variant('huge.tfxwidget', (copy) => (copy['widgets/tally/noise.bin'] = noise)),
        'BUNDLE_TOO_LARGE',
      ],
      [
        variant('bad-version.tfxwidget', (copy) => {
          const entry = JSON.parse(new TextDecoder().decode(copy['tfxwidget.json'])) as object;
          copy['tfxwidget.json'] = strToU8(JSON.stringify({ ...entry, version: 'one' }));
        }),
        'BUNDLE_BAD_MANIFEST: tfxwidget.json: ("tally"): version: must look like 1.0.0',
      ],
      [
        variant('no-page.tfxwidget', (copy) => delete copy['widgets/tally/index.html']),
        'BUNDLE_MISMATCH',
      ],
    ];
    for (const [file, reason] of cases) {
      const said = await addWidgetFile(settings, file);
      expect(said).toContain('was not added');
      expect(said).toContain(reason);
    }
    expect(
      await settings.getByRole('list', { name: 'Installed widgets' }).getByRole('listitem').count(),
    ).toBe(0);
    await settings.close();
  });

  it('adds the packed widget in Settings, listed with its version, author, source and hash', async () => {
    for (const person of [ana, bea]) {
      const settings = await person.context.newPage();
      await settings.goto(person.extensionUrl(OPTIONS_PAGE));
      expect(await addWidgetFile(settings, tally)).toBe(
        'Added Tally 1.0.0. It is in the Widgets menu of your next call.',
      );
      const item = settings.getByRole('list', { name: 'Installed widgets' }).getByRole('listitem');
      await expect(item.textContent()).resolves.toContain('Tally');
      await expect(item.textContent()).resolves.toContain(
        `1.0.0 by TFX Sessions tests · from tally-1.0.0.tfxwidget`,
      );
      await expect(item.textContent()).resolves.toContain(`SHA-256 ${sha256.slice(0, 12)}`);
      expect(await axeViolations(settings)).toEqual([]);
      if (person === ana) {
        await settings.setViewportSize({ width: 800, height: 600 });
        await settings.getByRole('heading', { name: 'Your widgets' }).scrollIntoViewIfNeeded();
        await settings.screenshot({ path: 'docs/screenshots/settings-your-widgets.png' });
      }
      await settings.close();
    }
  });

  it('runs the added widget in a call like a built-in one, and the two of them share it', async () => {
    const room = newRoomId();
    const anaCall = await openCall(ana, room, 'Ana', SERVER);
    const beaCall = await openCall(bea, room, 'Bea', SERVER);
    await expectState(tileOf(anaCall, 'Bea'), 'connected');
    await openWidget(anaCall, 'Tally');
    const frames = [anaCall, beaCall].map((page) => page.frameLocator('iframe[title="Tally"]'));
    await frames[0]!.getByText('Counting with Ana').waitFor();
    await frames[1]!.getByText('Counting with Bea').waitFor();
    // Framed from the runner page, sandboxed like every widget.
    const frame = anaCall.locator('iframe[title="Tally"]');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(await frame.getAttribute('src')).toMatch(/\/src\/widget-host\/runner\/runner\.html$/);
    await frames[0]!.getByRole('button', { name: 'Add one' }).click();
    await frames[0]!.getByRole('button', { name: 'Add one' }).click();
    await frames[1]!.getByRole('button', { name: 'Add one' }).click();
    for (const tally of frames)
      await expect.poll(() => tally.locator('#count').textContent(), { timeout: 10_000 }).toBe('3');
    await Promise.all([anaCall.close(), beaCall.close()]);
  });

  it('removes it from Settings', async () => {
    const settings = await ana.context.newPage();
    await settings.goto(ana.extensionUrl(OPTIONS_PAGE));
    await settings.getByRole('button', { name: 'Remove Tally' }).click();
    await settings.getByText('Removed Tally.').waitFor();
    await settings.getByText('You have not added any widgets.').waitFor();
    await settings.close();
  });
});
