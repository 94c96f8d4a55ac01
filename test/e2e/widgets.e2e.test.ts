import { mkdirSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { chat, expectChatLine, say } from './harness/chat.js';
import { expectState, openMenu, openWidget, tileOf } from './harness/call-page.js';
import { recordWidgetDeliveries, sendersOf } from './harness/widget-deliveries.js';
import { blockedHostileReport } from './harness/hostile-report.js';
import { LEAK_PORT } from '../fixtures/widgets/tfx-test-hostile/leak-port.js';

const PORT = 8087;
const SERVER = `http://127.0.0.1:${PORT}`;

async function chatText(page: Page): Promise<string> {
  return (await chat(page).getByRole('list', { name: 'Messages' }).textContent()) ?? '';
}

// The widget platform end to end: the dock, opening for everyone, the chat widget, a late
// joiner, and a hostile widget that attacks while two people keep chatting.
describe('widgets in a call', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  let cal: Page;
  const room = newRoomId();

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectState(tileOf(bea, 'Ana'), 'connected');
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('shows a dock button per widget, named by its title, under Widgets', async () => {
    await openMenu(ana, 'Widgets');
    const dock = ana.getByRole('toolbar', { name: 'Widgets' });
    await expect(dock.getByRole('button', { name: 'Chat', exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await expect(
      dock.getByRole('button', { name: 'Hostile', exact: true }).isVisible(),
    ).resolves.toBe(true);
  });

  it('opens Chat for everyone when Ana opens it from the dock', async () => {
    await openWidget(ana, 'Chat');
    await chat(ana).getByRole('textbox', { name: 'Message' }).waitFor();
    await chat(bea).getByRole('textbox', { name: 'Message' }).waitFor();
    await eventually('Bea is told who opened it', async () =>
      (await bea.locator('#widget-note').textContent())!.includes('Ana opened Chat'),
    );
    // The videos stay visible beside the panel.
    await expect(tileOf(bea, 'Ana').isVisible()).resolves.toBe(true);
  });

  it('lets Ana widen the panel, the videos still beside it', async () => {
    const panel = ana.locator('#widget-panel');
    const before = (await panel.boundingBox())!.width;
    const resizer = ana.getByRole('separator', { name: 'Resize widgets' });
    await resizer.focus();
    for (let step = 0; step < 4; step++) await resizer.press('ArrowLeft');
    expect((await panel.boundingBox())!.width).toBeGreaterThan(before + 60);
    await expect(tileOf(ana, 'Bea').isVisible()).resolves.toBe(true);
  });

  it('carries a message typed by Ana to Bea and a reply back', async () => {
    await say(ana, 'Hello Bea');
    await expectChatLine(bea, 'Ana', 'Hello Bea');
    await say(bea, 'Hi Ana!');
    await expectChatLine(ana, 'Bea', 'Hi Ana!');
  });

  it('shows lines as written where the browser cannot detect languages, and says so once', async () => {
    // Debian's Chromium has a Translator, but its LanguageDetector reports 'unavailable': Chat
    // cannot know what language a line is in, and must work unchanged.
    await say(bea, 'Guten Morgen, Ana!');
    await expectChatLine(ana, 'Bea', 'Guten Morgen, Ana!');
    const note = chat(ana).getByText(
      'Messages show as written: this browser cannot tell languages apart on this device.',
    );
    await note.waitFor();
    expect(await note.count()).toBe(1);
    expect(await chatText(ana)).not.toContain('Translated from');
    expect(await chat(ana).getByRole('combobox', { name: 'My language' }).count()).toBe(0);
    mkdirSync('docs/screenshots', { recursive: true });
    await ana.screenshot({ path: 'docs/screenshots/chat-without-translator.png' });
  });

  it('renders markup a peer sends as plain text', async () => {
    await say(ana, '<b>bold</b><img src=x onerror="document.title=1">');
    await expectChatLine(bea, 'Ana', '<b>bold</b><img src=x');
    await expect(chat(bea).locator('#log b, #log img').count()).resolves.toBe(0);
  });

  it('counts unread messages on the dock while Bea has the chat closed', async () => {
    await bea.getByRole('button', { name: 'Close Chat' }).click();
    await expect(bea.locator('#widget-panel').isHidden()).resolves.toBe(true);
    await say(ana, 'Are you there?');
    await say(ana, 'Bea?');
    await eventually(
      'the badge shows 2',
      async () => (await bea.locator('#badge-chat').textContent()) === '2',
    );
    await openWidget(bea, 'Chat');
    await expectChatLine(bea, 'Ana', 'Bea?');
    await eventually('the badge is gone', () => bea.locator('#badge-chat').isHidden());
  });

  it('offers Bea a widget Ana opens while Bea is in Chat, marks it on the dock, and shows it on request', async () => {
    await openWidget(ana, 'Code');
    await ana.getByRole('tab', { name: 'Code', selected: true }).waitFor();
    // Bea keeps what she was using; the new widget waits for her.
    const offer = bea.getByRole('status').filter({ hasText: 'Ana opened Code' });
    await offer.waitFor();
    expect(await bea.getByRole('tab', { name: 'Chat' }).getAttribute('aria-selected')).toBe('true');
    expect(await bea.getByRole('tab', { name: 'Code' }).count()).toBe(0);
    const widgets = bea.getByRole('button', { name: 'Widgets', exact: true });
    await expect(widgets.getAttribute('class')).resolves.toContain('has-news');
    expect(
      await widgets.evaluate(
        (button) => document.getElementById(button.getAttribute('aria-describedby')!)!.textContent,
      ),
    ).toBe('New in Code');
    await openMenu(bea, 'Widgets');
    const dock = bea.getByRole('toolbar', { name: 'Widgets' });
    const codeButton = dock.getByRole('button', { name: 'Code', exact: true });
    expect(await codeButton.getAttribute('aria-expanded')).toBe('false');
    await expect(codeButton.getByText('New').isVisible()).resolves.toBe(true);
    expect(
      await dock.getByRole('button', { name: 'Chat', exact: true }).getAttribute('aria-expanded'),
    ).toBe('true');
    mkdirSync('docs/screenshots', { recursive: true });
    await bea.screenshot({ path: 'docs/screenshots/widget-offer.png' });
    await bea.keyboard.press('Escape');

    const show = offer.getByRole('button', { name: 'Show Code' });
    await show.click();
    await bea.getByRole('tab', { name: 'Code', selected: true }).waitFor();
    await show.waitFor({ state: 'detached' });
    await eventually(
      'the focus is in Code',
      async () =>
        (await bea.evaluate(() => document.activeElement?.getAttribute('title'))) === 'Code',
    );
    await expect(widgets.getAttribute('class')).resolves.not.toContain('has-news');
    await openMenu(bea, 'Widgets');
    expect(await codeButton.getAttribute('aria-expanded')).toBe('true');
    await expect(codeButton.getByText('New').isVisible()).resolves.toBe(false);
    // The dock button of the widget on screen hides it.
    await codeButton.click();
    await bea.getByRole('tab', { name: 'Chat', selected: true }).waitFor();
    await openMenu(bea, 'Widgets');
    expect(await codeButton.getAttribute('aria-expanded')).toBe('false');
    await bea.keyboard.press('Escape');
    await ana.getByRole('tab', { name: 'Chat' }).click();
  });

  it('gives a late joiner the open widget and the conversation so far', async () => {
    const calPerson = await launchPerson();
    people.push(calPerson);
    await calPerson.context.addInitScript(recordWidgetDeliveries);
    cal = await openCall(calPerson, room, 'Cal', SERVER);
    await expectChatLine(cal, 'Ana', 'Hello Bea');
    await expectChatLine(cal, 'Bea', 'Hi Ana!');
    // The conversation arrives from both peers and is merged, not repeated: count once both
    // copies have come.
    await eventually('both copies reached Cal', async () => {
      const senders = await sendersOf(chat(cal), 'state:lines/snapshot');
      return senders.includes('Ana') && senders.includes('Bea');
    });
    expect((await chatText(cal)).split('Hello Bea').length - 1).toBe(1);
    // Ana's line came from Ana herself (Bea's copy of it is not taken while Ana is here), so it
    // is not marked as passed on by someone else.
    await expect(
      chat(cal).getByRole('listitem').filter({ hasText: 'Hello Bea' }).textContent(),
    ).resolves.not.toMatch(/earlier · as/);
    mkdirSync('docs/screenshots', { recursive: true });
    await cal.screenshot({ path: 'docs/screenshots/chat-history.png' });
    await say(cal, 'Hi both, Cal here');
    await expectChatLine(ana, 'Cal', 'Hi both, Cal here');
    await expectChatLine(bea, 'Cal', 'Hi both, Cal here');
  });

  it('contains a hostile widget while the chat keeps working', async () => {
    const callUrl = ana.url();
    // Whatever reaches this port came out of a widget through WebRTC (a TURN allocation).
    const leaked: string[] = [];
    const listener = createSocket('udp4');
    listener.on('message', (packet) => leaked.push(packet.toString('latin1')));
    await new Promise<void>((resolve) => listener.bind(LEAK_PORT, '127.0.0.1', resolve));
    await openWidget(ana, 'Hostile');
    const hostile = ana.frameLocator('iframe[title="Hostile"]');
    // It runs for everyone; Ana switches back to Chat, and the others, in Chat, are only
    // offered it.
    await ana.getByRole('tab', { name: 'Hostile' }).waitFor();
    await ana.getByRole('tab', { name: 'Chat' }).click();
    for (const page of [bea, cal]) {
      await page.getByRole('button', { name: 'Show Hostile' }).waitFor();
      expect(await page.getByRole('tab', { name: 'Chat' }).getAttribute('aria-selected')).toBe(
        'true',
      );
    }
    await say(bea, 'Still with you during the attack');
    await expectChatLine(ana, 'Bea', 'Still with you during the attack');
    const report = await blockedHostileReport(hostile);
    // The attack itself: nothing reached the port, a second after the last attempt.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    listener.close();
    expect(leaked).toEqual([]);
    expect(report.chromeApis?.detail).toBe('chrome.runtime.id is undefined');
    expect(report.readParentDom?.detail).toMatch(/^SecurityError/);
    expect(report.navigateTop?.detail).toMatch(/^SecurityError/);
    expect(report.localStorage?.detail).toMatch(/^SecurityError/);
    expect(report.claimWidgetId?.detail).toMatch(/^INVALID_MESSAGE: .*widget/);
    expect(report.hugeMessage?.detail).toMatch(/MESSAGE_TOO_LARGE/);
    expect(report.hugeMessageBypassingSdk?.detail).toMatch(/^MESSAGE_TOO_LARGE/);
    expect(report.unknownPeer?.detail).toMatch(/^UNKNOWN_PEER/);
    expect(report.fillStorage?.detail).toMatch(/^STORAGE_FULL/);
    expect(report.flood?.detail).toMatch(/^\d+ of 5000 messages refused with RATE_LIMITED$/);
    expect(report.webrtcInPage?.detail).toBe('RTCPeerConnection is undefined');
    for (const how of [
      'webrtcSrcdocProperty',
      'webrtcSrcdocAttribute',
      'webrtcSrcdocInnerHtml',
      'webrtcSrcdocXml',
    ]) {
      // Refused by the guard's Trusted Types policy, before any frame exists.
      expect(report[how]?.detail, how).toMatch(/^TypeError: .*TrustedHTML/);
    }
    expect(report.webrtcInWorker?.detail).toBe('RTCPeerConnection is undefined in a worker');
    expect(ana.url()).toBe(callUrl);

    // Ana clicks its "Save a file": a click, but no `downloads` permission, so no file.
    await ana.getByRole('tab', { name: 'Hostile' }).click();
    await expect(ana.locator('iframe[title="Hostile"]').getAttribute('sandbox')).resolves.toBe(
      'allow-scripts allow-forms',
    );
    const downloaded = ana.waitForEvent('download', { timeout: 3000 }).then(
      (download) => download.suggestedFilename(),
      () => 'nothing',
    );
    await hostile.getByRole('button', { name: 'Save a file' }).click();
    expect(await downloaded).toBe('nothing');
    await ana.getByRole('tab', { name: 'Chat' }).click();

    await say(ana, 'After the attack');
    await expectChatLine(bea, 'Ana', 'After the attack');
    await expectChatLine(cal, 'Ana', 'After the attack');
    for (const page of [ana, bea, cal]) expect(await chatText(page)).not.toContain('spoofed');
  });
});
