import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import chromiumFlags from './harness/chromium-flags.json' with { type: 'json' };

const PORT = 5181;
const CHAT_CODE = 'widgets/chat/main.ts';
const SLOW_SCRIPT_MS = 1_500;

function chatOf(page: Page, name: string): FrameLocator {
  return page.frameLocator(`section[aria-label="${name}"] iframe`);
}

async function say(page: Page, name: string, text: string): Promise<void> {
  const box = chatOf(page, name).getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

function lineIn(page: Page, name: string, text: string) {
  return chatOf(page, name).getByRole('listitem').filter({ hasText: text });
}

// The widget playground, as an author uses it: simulated peers in one page, no call.
describe('the widget playground', () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  const originalCode = readFileSync(CHAT_CODE, 'utf8');

  beforeAll(async () => {
    server = spawn(process.execPath, ['scripts/playground.mjs', 'chat'], {
      env: { ...process.env, PORT: String(PORT) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Widget playground:')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`playground exited with ${code}`)));
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumFlags.flags,
    });
    page = await browser.newPage();
    // A dev server on a machine that never ran it transforms the widget's code on first request,
    // which took seconds on a new machine. Holding it back here makes that case the normal one:
    // what an author types before the widget's script runs must still arrive.
    await page.route(/\/widgets\/chat\/main\.ts(\?|$)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, SLOW_SCRIPT_MS));
      // Test instrumentation: the chat's own SDK storage, reachable from the test.
      const response = await route.fetch();
      const code = `${await response.text()}\n;globalThis.tfxStorage = tfx.storage;\n`;
      await route.fulfill({ response, body: code });
    });
    await page.goto(`http://127.0.0.1:${PORT}/src/playground/index.html?widget=chat&peers=2`);
  });

  afterAll(async () => {
    writeFileSync(CHAT_CODE, originalCode);
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('runs the widget in two simulated peers that talk over the in-memory network', async () => {
    await say(page, 'Ana', 'hello from Ana');
    await lineIn(page, 'Bea', 'hello from Ana').waitFor();
  });

  it('gives a peer who joins later what the widget hands late joiners', async () => {
    await page.getByRole('button', { name: 'Add peer' }).click();
    await lineIn(page, 'Cal', 'hello from Ana').waitFor();
  });

  it('delivers after the configured delay, in order', async () => {
    // Clocks start in the pages: Bea's line shows in her own log when she sends it, and Ana's
    // frame notes when it arrives there. Date.now() is one clock for both frames of one page.
    const watch = () => {
      const seen: { text: string; at: number }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      // The log redraws its lines as they merge: note each line the first time it shows.
      new MutationObserver(() => {
        for (const line of document.querySelectorAll('#log li .text')) {
          const text = line.textContent ?? '';
          if (!seen.some((earlier) => earlier.text === text)) seen.push({ text, at: Date.now() });
        }
      }).observe(document.querySelector('#log')!, { childList: true });
      for (const line of document.querySelectorAll('#log li .text'))
        seen.push({ text: line.textContent ?? '', at: 0 });
    };
    await chatOf(page, 'Ana').locator('body').evaluate(watch);
    await chatOf(page, 'Bea').locator('body').evaluate(watch);
    await page.getByLabel('Delay (ms, one way)').fill('600');
    await page.getByLabel('Delay (ms, one way)').dispatchEvent('change');
    await say(page, 'Bea', 'first');
    await say(page, 'Bea', 'second');
    await lineIn(page, 'Ana', 'second').waitFor();
    await lineIn(page, 'Ana', 'first').waitFor();

    type Seen = { text: string; at: number }[];
    const seenBy = (name: string) =>
      chatOf(page, name)
        .locator('body')
        .evaluate(() => (window as unknown as { seen: { text: string; at: number }[] }).seen);
    const sent: Seen = await seenBy('Bea');
    const arrived: Seen = await seenBy('Ana');
    const at = (list: Seen, text: string) => list.find((line) => line.text === text)?.at;
    for (const text of ['first', 'second']) {
      expect(at(arrived, text)! - at(sent, text)!, `'${text}' took`).toBeGreaterThanOrEqual(600);
    }
    expect(arrived.filter((line) => line.at > 0).map((line) => line.text)).toEqual([
      'first',
      'second',
    ]);
  });

  it('lets a peer leave, and the others see them go', async () => {
    await page.getByRole('button', { name: 'Cal leaves' }).click();
    await expect(page.getByRole('region', { name: 'Cal' }).count()).resolves.toBe(0);
  });

  it('reloads one peer alone, who keeps their storage, and again after the page reloads', async () => {
    const stored = (name: string) =>
      chatOf(page, name)
        .locator('body')
        .evaluate(async () => {
          for (let tries = 0; tries < 200; tries++) {
            const storage = (globalThis as { tfxStorage?: { get(key: string): Promise<unknown> } })
              .tfxStorage;
            if (storage) return storage.get('draft');
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return 'no SDK storage in the frame';
        });
    await chatOf(page, 'Ana')
      .locator('body')
      .evaluate(async () => {
        for (let tries = 0; tries < 200; tries++) {
          const storage = (
            globalThis as { tfxStorage?: { set(k: string, v: unknown): Promise<void> } }
          ).tfxStorage;
          if (storage) return storage.set('draft', 'kept');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
    for (const name of ['Ana', 'Bea'])
      await chatOf(page, name)
        .locator('body')
        .evaluate(() => void (document.body.dataset.beforeReload = 'yes'));
    await page.getByRole('button', { name: 'Reload Ana' }).click();
    await eventually(
      "Ana's frame reloaded",
      async () => (await chatOf(page, 'Ana').locator('body[data-before-reload]').count()) === 0,
    );
    expect(await chatOf(page, 'Bea').locator('body[data-before-reload]').count()).toBe(1);
    expect(await stored('Ana')).toBe('kept');
    await say(page, 'Ana', 'back after my reload');
    await lineIn(page, 'Bea', 'back after my reload').waitFor();
    // The whole page: the same people, by the same ids, with what they stored.
    await page.reload();
    expect(await stored('Ana')).toBe('kept');
    expect(await stored('Bea')).toBeUndefined();
  });

  it('starts six peers at most, as a call holds, and says so', async () => {
    const full = await browser.newPage();
    await full.goto(`http://127.0.0.1:${PORT}/src/playground/index.html?widget=chat&peers=9`);
    await full
      .getByRole('status')
      .filter({ hasText: 'A call holds 6 people at most: 6 started.' })
      .waitFor();
    expect(await full.locator('section.peer').count()).toBe(6);
    await expect(full.getByRole('button', { name: 'Add peer' }).isDisabled()).resolves.toBe(true);
    await full.getByRole('button', { name: 'Fay leaves' }).click();
    await expect(full.getByRole('button', { name: 'Add peer' }).isEnabled()).resolves.toBe(true);
    await full.close();
  });

  it('reloads the widget in every peer when its code is saved', async () => {
    await chatOf(page, 'Ana')
      .locator('body')
      .evaluate(() => {
        document.body.dataset.beforeReload = 'yes';
      });
    writeFileSync(CHAT_CODE, `${originalCode}\n// saved by the playground test\n`);
    await eventually(
      "Ana's frame reloaded",
      async () => (await chatOf(page, 'Ana').locator('body[data-before-reload]').count()) === 0,
    );
    // The reloaded frame is connected again.
    await page.getByLabel('Delay (ms, one way)').fill('0');
    await page.getByLabel('Delay (ms, one way)').dispatchEvent('change');
    await say(page, 'Ana', 'after the reload');
    await lineIn(page, 'Bea', 'after the reload').waitFor();
  });
});
