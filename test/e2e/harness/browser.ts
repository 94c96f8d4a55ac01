import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { E2E_OUT_DIR } from '../../../scripts/build-target.js';
import chromiumFlags from './chromium-flags.json' with { type: 'json' };

// The e2e build: the shipped extension plus the test-only widgets (see test/fixtures).
export const DIST = resolve(E2E_OUT_DIR);
export const CALL_PAGE = 'src/call/call.html';

/** The part of `chrome.storage` the harness uses from the extension's service worker. */
interface ExtensionStorage {
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
}

/** One person: a separate Chromium profile with the built extension loaded. */
export interface Person {
  context: BrowserContext;
  /** The profile folder, which also names this person's Chromium processes. */
  profile: string;
  extensionId: string;
  extensionUrl(path: string): string;
  /**
   * Makes `url` this person's signalling server, as entering it in Options does: the extension
   * uses no server it was not set up for.
   */
  useServer(url: string): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * 'everything' answers every camera/microphone prompt with yes (the fake UI); 'nothing' leaves
   * the prompts unanswered, which headless Chromium refuses, as a person saying no would.
   */
  mediaGrant?: 'everything' | 'nothing';
  /** More Chromium switches, e.g. to trust a test server's own certificate. */
  extraArgs?: string[];
  /** Test instrumentation to run in every page and frame before its own scripts. */
  initScripts?: (() => void)[];
  /** The system's light or dark setting, as every page of this person's browser sees it. */
  colorScheme?: 'light' | 'dark';
  /** The unpacked extension to load: the e2e build unless a test loads another (a release). */
  extensionDir?: string;
  /**
   * The browser's language, as a person who set it sees everything: Chromium on Linux takes its
   * interface language (what chrome.i18n answers in) from LANGUAGE, not from --lang alone.
   */
  language?: string;
}

/** A Chromium with fake media, offline but for loopback; with the extension unless told not. */
async function launchChromium(
  {
    mediaGrant = 'everything',
    extraArgs = [],
    initScripts = [],
    colorScheme = 'light',
    extensionDir = DIST,
    language,
  }: LaunchOptions,
  withExtension: boolean,
): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'tfx-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1180, height: 800 },
    colorScheme,
    ...(language
      ? { locale: language, env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` } }
      : {}),
    args: [
      ...(withExtension
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
      // Three fake cameras at 5 fps: enough to switch devices and to see frames arrive. Four to
      // seven whole clients share this machine's 2 cores in one test. At 15 fps four of them
      // kept it at a load of ~25, and a message took seconds to reach a starved page; at 10 fps
      // 'B leaves → A's tile goes' still measured over 2 s in one CI run of four (measured).
      // (Chromium's second fake camera is a Y16 depth camera, which no encoder sends.)
      '--use-fake-device-for-media-stream=device-count=3,fps=5',
      ...chromiumFlags.flags.filter(
        (flag) => mediaGrant === 'everything' || flag !== '--use-fake-ui-for-media-stream',
      ),
      ...(language ? [`--lang=${language}`] : []),
      ...extraArgs,
    ],
  });
  for (const script of initScripts) await context.addInitScript(script);
  // What a page reports going wrong is in the test's output: a failure that only shows as a
  // control doing nothing (a script that threw) then says why.
  context.on('weberror', (error) => console.error(`[page error] ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error')
      console.error(`[console] ${message.page()?.url() ?? ''}: ${message.text()}`);
  });
  return { context, profile };
}

export const WELCOME_PAGE = 'src/welcome/welcome.html';

/**
 * A person with the extension just installed. Installing opens the welcome page; unless the test
 * is about it, it is closed, as most people close it, so every test starts from one empty tab.
 */
export async function launchPerson(
  options: LaunchOptions & { keepWelcome?: boolean } = {},
): Promise<Person> {
  const { context, profile } = await launchChromium(options, true);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const isWelcome = (page: Page) => page.url().endsWith(WELCOME_PAGE);
  const welcome =
    context.pages().find(isWelcome) ??
    (await context.waitForEvent('page', { predicate: isWelcome }));
  if (!options.keepWelcome) await welcome.close();
  return {
    context,
    profile,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    useServer: (url) =>
      worker.evaluate(async (serverUrl) => {
        const { storage } = (globalThis as unknown as { chrome: { storage: ExtensionStorage } })
          .chrome;
        const stored = (await storage.local.get('settings')) as { settings?: object };
        await storage.local.set({ settings: { ...stored.settings, serverUrl } });
      }, url),
    close: () => closeBrowser(context, profile),
  };
}

/** One person whose Chromium has no TFX extension: they join through the web client. */
export interface BrowserOnlyPerson {
  context: BrowserContext;
  profile: string;
  close(): Promise<void>;
}

export async function launchWithoutExtension(
  options: LaunchOptions = {},
): Promise<BrowserOnlyPerson> {
  const { context, profile } = await launchChromium(options, false);
  return { context, profile, close: () => closeBrowser(context, profile) };
}

async function closeBrowser(context: BrowserContext, profile: string): Promise<void> {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

/**
 * Opens the call page for `room` directly, the way invite links do, and clicks Join now on the
 * pre-join step once the name is filled in.
 */
export async function openCall(
  person: Person,
  room: string,
  name: string,
  server?: string,
): Promise<Page> {
  const page = await openCallPage(person, room, name, server);
  await joinNow(page);
  return page;
}

/** Opens a call page, as an invite link does, and leaves the person at the pre-join step. */
export async function openCallPage(
  person: Person,
  room: string,
  name: string,
  server?: string,
): Promise<Page> {
  if (server) await person.useServer(server);
  const page = await person.context.newPage();
  const params = new URLSearchParams({ room, name, ...(server ? { server } : {}) });
  // A call page never settles into 'load' quiet (media keeps streaming); the DOM is enough.
  await page.goto(person.extensionUrl(`${CALL_PAGE}?${params.toString()}`), {
    waitUntil: 'domcontentloaded',
  });
  return page;
}

/** Waits for a call page's pre-join step to be on screen, its name field filled in. */
export async function atPrejoin(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Ready to join?' }).waitFor();
}

/** Clicks Join now on a call page's pre-join step, as a person does after checking the preview. */
export async function joinNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.getByRole('heading', { name: 'Ready to join?' }).waitFor({ state: 'hidden' });
}

/** Polls until `check` returns true, or fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
}
