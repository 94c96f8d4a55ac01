import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWidget } from '../../scripts/pack-widget.js';
import { copyTallyProject } from '../support/tally-project.js';
import { startWidgetDevServer } from '../../scripts/widget-dev-server.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { axeViolations } from './harness/axe.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, openMenu, openWidget, tileOf } from './harness/call-page.js';
import { expectChatLine, say } from './harness/chat.js';
import { LEAK_PORT } from '../fixtures/widgets/tfx-test-hostile/leak-port.js';
import { serveWebApp, webAppCertificate } from './harness/web-app-server.js';
import { blockedHostileReport } from './harness/hostile-report.js';
import { tamperWithSentBundles } from './harness/tampered-bundles.js';
import { addWidgetFile, addWidgetInCall, openAddWidget } from './harness/added-widgets.js';

const PORT = 8121;
const SERVER = `http://127.0.0.1:${PORT}`;
const OPTIONS_PAGE = 'src/options/options.html';
const WEB_APP_PORT = 8122;
const WEB_APP_ORIGIN = `https://127.0.0.1:${WEB_APP_PORT}`;
const WEB_APP = `${WEB_APP_ORIGIN}/index.html`;
const DEV_PORT = 8123;
// Widgets built into no extension: the test packs them, and people add the files.
const PACKABLE = [
  {
    manifestFile: 'test/fixtures/packable/widgetmanifest.json',
    pagesDir: 'test/fixtures/packable',
  },
];

// A widget that only this test knows (test/fixtures/packable), packed into a .tfxwidget and
// added in Settings, runs in a call from the runner page; bad files are refused with the reason.
describe('widgets added from a file', () => {
  let server: SignallingServer;
  let ana: Person;
  let bea: Person;
  let folder: string;
  let tally: string;
  let sha256: string;
  /** People some tests add; closed with the rest. */
  const others: Person[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tfx-packed-'));
    const packed = await packWidget(
      'tfx-test-tally',
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
    await Promise.all([ana?.close(), bea?.close(), ...others.map((person) => person.close())]);
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
        variant(
          'climbs.tfxwidget',
          (copy) => (copy['widgets/tfx-test-tally/../../evil.js'] = strToU8('x')),
        ),
        'BUNDLE_BAD_PATH: the path "widgets/tfx-test-tally/../../evil.js" leaves its folder',
      ],
      [
        variant('huge.tfxwidget', (copy) => (copy['widgets/tfx-test-tally/noise.bin'] = noise)),
        'BUNDLE_TOO_LARGE',
      ],
      [
        variant('bad-version.tfxwidget', (copy) => {
          const entry = JSON.parse(new TextDecoder().decode(copy['tfxwidget.json'])) as object;
          copy['tfxwidget.json'] = strToU8(JSON.stringify({ ...entry, version: 'one' }));
        }),
        'BUNDLE_BAD_MANIFEST: tfxwidget.json: ("tfx-test-tally"): version: must look like 1.0.0',
      ],
      [
        variant('no-page.tfxwidget', (copy) => delete copy['widgets/tfx-test-tally/index.html']),
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
        `1.0.0 by TFX Sessions tests · from tfx-test-tally-1.0.0.tfxwidget`,
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
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    expect(await frame.getAttribute('src')).toMatch(/\/src\/widget-host\/runner\/runner\.html$/);
    await frames[0]!.getByRole('button', { name: 'Add one' }).click();
    await frames[0]!.getByRole('button', { name: 'Add one' }).click();
    await frames[1]!.getByRole('button', { name: 'Add one' }).click();
    for (const tally of frames)
      await expect.poll(() => tally.locator('#count').textContent(), { timeout: 10_000 }).toBe('3');
    await Promise.all([anaCall.close(), beaCall.close()]);
  });

  it('gives a hostile added widget nothing a built-in widget cannot get', async () => {
    const hostile = await packWidget('tfx-test-hostile-packed', PACKABLE, folder);
    // Whatever reaches this port came out of the widget through WebRTC (a TURN allocation).
    const leaked: string[] = [];
    const listener = createSocket('udp4');
    listener.on('message', (packet) => leaked.push(packet.toString('latin1')));
    await new Promise<void>((resolve) => listener.bind(LEAK_PORT, '127.0.0.1', resolve));
    const settings = await ana.context.newPage();
    await settings.goto(ana.extensionUrl(OPTIONS_PAGE));
    expect(await addWidgetFile(settings, hostile.file)).toContain('Added Hostile packed 1.0.0');
    await settings.close();
    const call = await openCall(ana, newRoomId(), 'Ana', SERVER);
    const callUrl = call.url();
    await openWidget(call, 'Hostile packed');
    const report = await blockedHostileReport(call.frameLocator('iframe[title="Hostile packed"]'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    listener.close();
    expect(leaked).toEqual([]);
    // The same answers the built-in hostile widget gets (widgets.e2e.test.ts).
    expect(report.chromeApis?.detail).toBe('chrome.runtime.id is undefined');
    expect(report.readParentDom?.detail).toMatch(/^SecurityError/);
    expect(report.localStorage?.detail).toMatch(/^SecurityError/);
    expect(report.cookies?.detail).toMatch(/^SecurityError/);
    expect(report.claimWidgetId?.detail).toMatch(/^INVALID_MESSAGE: .*widget/);
    expect(report.webrtcInPage?.detail).toBe('RTCPeerConnection is undefined');
    expect(report.webrtcInWorker?.detail).toBe('RTCPeerConnection is undefined in a worker');
    expect(call.url()).toBe(callUrl);
    await call.close();
  });

  it('offers it to those without it: Ben takes it, Cal says No, Dan joins late and takes it for good', async () => {
    const [ben, cal] = await Promise.all([launchPerson(), launchPerson()]);
    others.push(ben, cal);
    const room = newRoomId();
    const anaCall = await openCall(ana, room, 'Ana', SERVER);
    const benCall = await openCall(ben, room, 'Ben', SERVER);
    const calCall = await openCall(cal, room, 'Cal', SERVER);
    for (const name of ['Ben', 'Cal']) await expectState(tileOf(anaCall, name), 'connected');
    await expectState(tileOf(benCall, 'Cal'), 'connected');
    await openWidget(anaCall, 'Chat');
    await openWidget(anaCall, 'Tally');
    const short = sha256.slice(0, 12);
    for (const page of [benCall, calCall]) {
      const card = page.getByRole('region', { name: 'Tally from Ana' });
      await card.waitFor();
      const says = (await card.textContent()) ?? '';
      expect(says).toContain("Ana opened Tally, a widget you don't have.");
      expect(says).toContain('Tally 1.0.0 by TFX Sessions tests · ');
      expect(says).toContain(`KiB · SHA-256 ${short} · from Ana`);
      // Nothing of it runs before an answer.
      expect(await page.locator('iframe[title="Tally"]').count()).toBe(0);
    }
    await benCall.screenshot({ path: 'docs/screenshots/widget-consent.png' });
    expect(await axeViolations(benCall)).toEqual([]);
    await benCall.getByRole('button', { name: 'Open for this call' }).click();
    await benCall.frameLocator('iframe[title="Tally"]').getByText('Counting with Ben').waitFor();
    await calCall.getByRole('button', { name: 'No', exact: true }).click();
    await calCall.getByText('You said no to Tally 1.0.0 from Ana: it does not run here.').waitFor();
    expect(await calCall.locator('iframe[title="Tally"]').count()).toBe(0);
    // Ana's Tally knows who runs it: Ben took it, Cal did not.
    const anaOthers = anaCall.frameLocator('iframe[title="Tally"]').locator('#others');
    await expect
      .poll(() => anaOthers.textContent())
      .toMatch(/^(?=.*Ben has Tally)(?=.*Cal does not have Tally)/);

    // Ana and Ben share it; Cal, who said no, still chats with both.
    await anaCall
      .frameLocator('iframe[title="Tally"]')
      .getByRole('button', { name: 'Add one' })
      .click();
    await expect
      .poll(() => benCall.frameLocator('iframe[title="Tally"]').locator('#count').textContent())
      .toBe('1');
    for (const page of [anaCall, benCall]) await page.getByRole('tab', { name: 'Chat' }).click();
    await say(calCall, 'Cal is still here');
    await expectChatLine(anaCall, 'Cal', 'Cal is still here');
    await expectChatLine(benCall, 'Cal', 'Cal is still here');

    // Dan joins late and is offered it the same way.
    const dan = await launchPerson();
    others.push(dan);
    const danCall = await openCall(dan, room, 'Dan', SERVER);
    await danCall.getByRole('region', { name: /^Tally from (Ana|Ben)$/ }).waitFor();
    await danCall.getByRole('button', { name: 'Always allow this widget' }).click();
    await danCall.frameLocator('iframe[title="Tally"]').getByText('Counting with Dan').waitFor();
    // Dan joined late: who opened it is what the others told him.
    await danCall.frameLocator('iframe[title="Tally"]').getByText('Opened by Ana').waitFor();
    // "Always": it is in Dan's own widgets now, from the person it came from.
    const settings = await dan.context.newPage();
    await settings.goto(dan.extensionUrl(OPTIONS_PAGE));
    const item = settings.getByRole('list', { name: 'Installed widgets' }).getByRole('listitem');
    await expect(item.textContent()).resolves.toMatch(/from (Ana|Ben) in a call/);
    await Promise.all([anaCall.close(), settings.close()]);
  });

  it('asks someone who has another copy of the widget before the new one runs', async () => {
    // Tally 1.1.0: the same id, other code (its heading says so).
    const files = unzipSync(new Uint8Array(readFileSync(tally)));
    const text = (path: string) => new TextDecoder().decode(files[path]);
    const entry = JSON.parse(text('tfxwidget.json')) as Record<string, unknown>;
    files['tfxwidget.json'] = strToU8(JSON.stringify({ ...entry, version: '1.1.0' }));
    const page = text('widgets/tfx-test-tally/index.html');
    expect(page).toContain('<h1>Tally</h1>');
    files['widgets/tfx-test-tally/index.html'] = strToU8(
      page.replace('<h1>Tally</h1>', '<h1>Tally 1.1</h1>'),
    );
    const newer = join(folder, 'tfx-test-tally-1.1.0.tfxwidget');
    writeFileSync(newer, zipSync(files));
    const settings = await ana.context.newPage();
    await settings.goto(ana.extensionUrl(OPTIONS_PAGE));
    expect(await addWidgetFile(settings, newer)).toContain('Added Tally 1.1.0');
    await settings.close();

    const room = newRoomId();
    const anaCall = await openCall(ana, room, 'Ana', SERVER);
    const beaCall = await openCall(bea, room, 'Bea', SERVER);
    await expectState(tileOf(anaCall, 'Bea'), 'connected');
    await openWidget(anaCall, 'Tally');
    const card = beaCall.getByRole('region', { name: 'Tally from Ana' });
    await card.waitFor();
    expect(await card.textContent()).toContain(
      'Ana opened Tally 1.1.0, another copy than yours (1.0.0).',
    );
    expect(await beaCall.locator('iframe[title="Tally"]').count()).toBe(0);
    await beaCall.getByRole('button', { name: 'Open for this call' }).click();
    await beaCall
      .frameLocator('iframe[title="Tally"]')
      .getByRole('heading', { name: 'Tally 1.1' })
      .waitFor();
    await Promise.all([anaCall.close(), beaCall.close()]);
  });

  it('refuses a copy whose bytes are not the ones its sender announced, and runs none of it', async () => {
    // Flo's browser is a modified client: it describes Tally truly, then sends altered bytes.
    const [flo, gil] = await Promise.all([
      launchPerson({ initScripts: [tamperWithSentBundles] }),
      launchPerson(),
    ]);
    others.push(flo, gil);
    const settings = await flo.context.newPage();
    await settings.goto(flo.extensionUrl(OPTIONS_PAGE));
    expect(await addWidgetFile(settings, tally)).toContain('Added Tally 1.0.0');
    await settings.close();

    const room = newRoomId();
    const floCall = await openCall(flo, room, 'Flo', SERVER);
    const gilCall = await openCall(gil, room, 'Gil', SERVER);
    await expectState(tileOf(floCall, 'Gil'), 'connected');
    await openWidget(floCall, 'Chat');
    await openWidget(floCall, 'Tally');
    await gilCall.getByRole('region', { name: 'Tally from Flo' }).waitFor();
    await gilCall.getByRole('button', { name: 'Always allow this widget' }).click();
    await gilCall
      .getByText(
        new RegExp(
          `^Tally was not opened: BUNDLE_HASH_MISMATCH: its SHA-256 is [0-9a-f]{12}…, not the ${sha256.slice(0, 12)}… announced$`,
        ),
      )
      .waitFor();
    expect(await gilCall.locator('iframe[title="Tally"]').count()).toBe(0);
    // "Always" kept nothing, and the call goes on: Flo's chat still reaches Gil.
    const gilSettings = await gil.context.newPage();
    await gilSettings.goto(gil.extensionUrl(OPTIONS_PAGE));
    await gilSettings.getByText('You have not added any widgets.').waitFor();
    await floCall.getByRole('tab', { name: 'Chat' }).click();
    await say(floCall, 'Flo is still here');
    await expectChatLine(gilCall, 'Flo', 'Flo is still here');
    await Promise.all([floCall.close(), gilCall.close(), gilSettings.close()]);
  });

  it('adds a widget from the Widgets menu during a call, and it opens at once', async () => {
    const eve = await launchPerson();
    others.push(eve);
    const call = await openCall(eve, newRoomId(), 'Eve', SERVER);
    await addWidgetInCall(call, tally);
    await call.frameLocator('iframe[title="Tally"]').getByText('Counting with Eve').waitFor();
    await call.getByText('Added Tally 1.0.0.').waitFor();
    // Kept, as from Settings: the next call has it in the menu.
    const settings = await eve.context.newPage();
    await settings.goto(eve.extensionUrl(OPTIONS_PAGE));
    await settings
      .getByRole('list', { name: 'Installed widgets' })
      .getByRole('listitem')
      .filter({ hasText: 'from tfx-test-tally-1.0.0.tfxwidget' })
      .waitFor();
    await openMenu(call, 'Widgets');
    await call.screenshot({ path: 'docs/screenshots/widgets-menu-add.png' });
    await Promise.all([call.close(), settings.close()]);
  });

  it('runs a widget in development from its dev server, and reloads it in the call on each save', async () => {
    // A copy of Tally's source that the test edits as its author would.
    const project = copyTallyProject('e2e-dev-widget');
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(project.file(file), 'utf8');
      expect(text).toContain(from);
      writeFileSync(project.file(file), text.replace(from, to));
    };
    const dev = await startWidgetDevServer({
      id: 'tfx-test-tally',
      sources: [project.source],
      port: DEV_PORT,
      report: () => undefined,
    });
    const hal = await launchPerson();
    others.push(hal);
    try {
      const call = await openCall(hal, newRoomId(), 'Hal', SERVER);
      await openMenu(call, 'Widgets');
      await call
        .getByRole('toolbar', { name: 'Widgets' })
        .getByRole('button', { name: 'Develop a widget…' })
        .click();
      const dialog = call.getByRole('dialog', { name: 'Develop a widget' });
      const address = dialog.getByRole('textbox', { name: 'Dev server address' });
      // Only this computer: an address elsewhere is refused with its reason, by keyboard alone.
      await address.fill(`http://192.0.2.1:${DEV_PORT}`);
      await address.press('Enter');
      await dialog
        .getByRole('alert')
        .filter({ hasText: 'DEV_NOT_LOCAL: it must be on this computer' })
        .waitFor();
      await address.fill(dev.address);
      await call.screenshot({ path: 'docs/screenshots/develop-a-widget.png' });
      expect(await axeViolations(call)).toEqual([]);
      await address.press('Enter');
      const tally = call.frameLocator('iframe[title="Tally"]');
      await tally.getByText('Counting with Hal').waitFor();
      await call
        .getByText(/^Reloaded Tally 1\.0\.0 \([0-9a-f]{12}\) from http:\/\/127\.0\.0\.1:/)
        .waitFor();

      // Saved: the call runs the new copy in the same tab, with no click.
      edit('index.html', '<h1>Tally</h1>', '<h1>Tally, saved</h1>');
      await tally.getByRole('heading', { name: 'Tally, saved' }).waitFor();
      expect(await call.locator('iframe[title="Tally"]').count()).toBe(1);
      expect(await call.getByRole('tab', { name: 'Tally' }).getAttribute('aria-selected')).toBe(
        'true',
      );
      // A save that does not build is reported, and the copy running stays.
      edit('tally.ts', 'let total = 0;', 'let total = ;');
      await call.getByText(/^Your widget did not pack: /).waitFor();
      await expect(tally.getByRole('heading', { name: 'Tally, saved' }).isVisible()).resolves.toBe(
        true,
      );
      edit('tally.ts', 'let total = ;', 'let total = 0;');
      edit('index.html', '<h1>Tally, saved</h1>', '<h1>Tally, fixed</h1>');
      await tally.getByRole('heading', { name: 'Tally, fixed' }).waitFor();
      await tally.getByRole('button', { name: 'Add one' }).click();
      await expect.poll(() => tally.locator('#count').textContent()).toBe('1');
      // Nothing of it was kept: it lives only while its dev server is connected.
      const settings = await hal.context.newPage();
      await settings.goto(hal.extensionUrl(OPTIONS_PAGE));
      await settings.getByText('You have not added any widgets.').waitFor();
      await Promise.all([call.close(), settings.close()]);
    } finally {
      await dev.close();
      project.remove();
    }
  });

  it('adds a web app by its address, and offers it to others showing its site', async () => {
    const tls = webAppCertificate();
    const site = await serveWebApp(tls, WEB_APP_PORT);
    try {
      const [fay, gus] = await Promise.all([
        launchPerson({ extraArgs: [tls.trust] }),
        launchPerson({ extraArgs: [tls.trust] }),
      ]);
      others.push(fay, gus);
      const settings = await fay.context.newPage();
      await settings.goto(fay.extensionUrl(OPTIONS_PAGE));
      const address = settings.getByRole('textbox', { name: 'Web app address' });
      await address.fill(`http://127.0.0.1:${WEB_APP_PORT}/index.html`);
      await settings.getByRole('textbox', { name: 'Its name in your calls' }).fill('Board');
      await settings.getByRole('button', { name: 'Add web app' }).click();
      await settings
        .getByText('The web app was not added: url: must start with https://')
        .waitFor();
      await address.fill(WEB_APP);
      await settings.getByRole('button', { name: 'Add web app' }).click();
      await settings.getByText(`Added Board, a web app at ${WEB_APP_ORIGIN}.`).waitFor();
      await settings
        .getByRole('list', { name: 'Installed widgets' })
        .getByRole('listitem')
        .filter({ hasText: `web app at ${WEB_APP_ORIGIN}` })
        .waitFor();
      await settings.close();

      const room = newRoomId();
      const fayCall = await openCall(fay, room, 'Fay', SERVER);
      const gusCall = await openCall(gus, room, 'Gus', SERVER);
      await expectState(tileOf(fayCall, 'Gus'), 'connected');
      await openWidget(fayCall, 'Board');
      const card = gusCall.getByRole('region', { name: 'Board from Fay' });
      await card.waitFor();
      expect(await card.textContent()).toContain(`It runs from ${WEB_APP_ORIGIN}`);
      expect(await gusCall.locator('iframe[title="Board"]').count()).toBe(0);
      await gusCall.getByRole('button', { name: 'Open for this call' }).click();
      const board = gusCall.frameLocator('iframe[title="Board"]');
      await board.getByRole('heading', { name: 'A web app in the call' }).waitFor();
      expect(await gusCall.locator('iframe[title="Board"]').getAttribute('src')).toBe(WEB_APP);
      await fayCall
        .frameLocator('iframe[title="Board"]')
        .getByRole('button', { name: 'Wave' })
        .click();
      await board.getByRole('status').filter({ hasText: 'Fay says hello' }).waitFor();
      await Promise.all([fayCall.close(), gusCall.close()]);

      // Ivy adds it from her call's Widgets menu: the same checks, and it opens at once.
      const ivy = await launchPerson({ extraArgs: [tls.trust] });
      others.push(ivy);
      const ivyCall = await openCall(ivy, newRoomId(), 'Ivy', SERVER);
      const dialog = await openAddWidget(ivyCall);
      const inDialog = dialog.getByRole('textbox', { name: 'Web app address' });
      await inDialog.fill(`http://127.0.0.1:${WEB_APP_PORT}/index.html`);
      await dialog.getByRole('textbox', { name: 'Its name in your calls' }).fill('Board');
      await inDialog.press('Enter');
      await dialog
        .getByRole('alert')
        .filter({ hasText: 'The web app was not added: url: must start with https://' })
        .waitFor();
      await inDialog.fill(WEB_APP);
      await ivyCall.screenshot({ path: 'docs/screenshots/add-widget-in-call.png' });
      expect(await axeViolations(ivyCall)).toEqual([]);
      await dialog.getByRole('button', { name: 'Add web app' }).click();
      await ivyCall
        .frameLocator('iframe[title="Board"]')
        .getByRole('heading', { name: 'A web app in the call' })
        .waitFor();
      await ivyCall.getByText(`Added Board, a web app at ${WEB_APP_ORIGIN}.`).waitFor();
      await ivyCall.close();
    } finally {
      site.close();
    }
  });

  it('removes it from Settings', async () => {
    const settings = await ana.context.newPage();
    await settings.goto(ana.extensionUrl(OPTIONS_PAGE));
    for (const title of ['Hostile packed', 'Tally']) {
      await settings.getByRole('button', { name: `Remove ${title}` }).click();
      await settings.getByText(`Removed ${title}.`).waitFor();
    }
    await settings.getByText('You have not added any widgets.').waitFor();
    await settings.close();
  });
});
