/**
 * The Chrome Web Store's images, taken from the real extension in Chromium: five screenshots at
 * 1280×800 and the small promo tile at 440×280, into docs/store/ (`npm run store:images` makes
 * only these). Each picture is taken once what it shows is on screen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../scripts/store-rules.js';
import { chat, say, expectChatLine } from './harness/chat.js';
import {
  WELCOME_PAGE,
  atPrejoin,
  launchPerson,
  openCallPage,
  type Person,
} from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8126;
const STORE = 'docs/store';
const SIZE = { width: 1280, height: 800 };
let call: TwoPersonCall;
const people: Person[] = [];

beforeAll(async () => {
  mkdirSync(STORE, { recursive: true });
  call = await startTwoPersonCall(PORT);
}, 120_000);
afterAll(async () => {
  await Promise.all(people.map((person) => person.close()));
  await call.close();
});

const sizeOf = (file: string) => pngSize(readFileSync(file));

describe('the store images', () => {
  it('1: a call of two with Chat and Code open', async () => {
    const { ana, bea } = call;
    await ana.setViewportSize(SIZE);
    await openWidget(ana, 'Chat');
    await chat(bea).getByRole('textbox', { name: 'Message' }).waitFor();
    await say(bea, 'Hi Ana! Shall we go through the parser together?');
    await say(ana, 'Yes, I opened Code. Look at line 3.');
    await expectChatLine(ana, 'Bea', 'parser');
    await openWidget(ana, 'Code');
    const editor = ana.frameLocator('iframe[title="Code"]').getByRole('textbox', { name: 'Code' });
    // Filled at once, as a paste is: typed key by key, the editor would close brackets too.
    await editor.fill('function greet(name) {\n  return `Hello, ${name}!`;\n}\n\ngreet("Bea");\n');
    await ana.screenshot({ path: `${STORE}/1-call-with-widgets.png` });
    expect(sizeOf(`${STORE}/1-call-with-widgets.png`)).toEqual([1280, 800]);
  });

  it('2: drawing together', async () => {
    const { bea } = call;
    await bea.setViewportSize(SIZE);
    await openWidget(bea, 'Draw');
    const board = bea.frameLocator('iframe[title="Draw"]').locator('canvas').first();
    await board.waitFor();
    const box = (await board.boundingBox())!;
    await bea.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await bea.mouse.down();
    for (let step = 0; step <= 40; step += 1) {
      const x = box.x + box.width * (0.2 + step * 0.015);
      const y = box.y + box.height * (0.6 - Math.sin(step / 6) * 0.25);
      await bea.mouse.move(x, y);
    }
    await bea.mouse.up();
    await bea.screenshot({ path: `${STORE}/2-draw-together.png` });
    expect(sizeOf(`${STORE}/2-draw-together.png`)).toEqual([1280, 800]);
  });

  it('3: the pre-join, and 4: the invite card of someone alone', async () => {
    const carla = await launchPerson();
    people.push(carla);
    const page = await openCallPage(
      carla,
      'store-pictures-room',
      'Carla',
      `http://127.0.0.1:${PORT}`,
    );
    await page.setViewportSize(SIZE);
    await atPrejoin(page);
    await page.getByRole('meter', { name: 'Microphone level' }).waitFor();
    await page.screenshot({ path: `${STORE}/3-prejoin.png` });
    await page.getByRole('button', { name: 'Join now' }).click();
    await page.getByRole('heading', { name: "You're the only one here" }).waitFor();
    await page.screenshot({ path: `${STORE}/4-invite.png` });
    expect(sizeOf(`${STORE}/3-prejoin.png`)).toEqual([1280, 800]);
    expect(sizeOf(`${STORE}/4-invite.png`)).toEqual([1280, 800]);
  });

  it('5: the welcome page, its camera check running', async () => {
    const dan = await launchPerson({ keepWelcome: true });
    people.push(dan);
    const page = dan.context.pages().find((candidate) => candidate.url().endsWith(WELCOME_PAGE))!;
    await page.setViewportSize(SIZE);
    await page.getByRole('button', { name: 'Check camera and microphone' }).click();
    await page.getByText('Your camera and microphone work.').waitFor();
    await page.screenshot({ path: `${STORE}/5-welcome.png` });
    expect(sizeOf(`${STORE}/5-welcome.png`)).toEqual([1280, 800]);
  });

  it('the small promo tile: the icon, the name and a real call behind them', async () => {
    const page = await people[0]!.context.newPage();
    await page.setViewportSize({ width: 440, height: 280 });
    const picture = (file: string) =>
      `data:image/png;base64,${readFileSync(file).toString('base64')}`;
    await page.setContent(`<!doctype html>
      <body style="margin:0;width:440px;height:280px;overflow:hidden;font-family:system-ui,sans-serif">
        <div style="position:absolute;inset:0;background:url(${picture(`${STORE}/1-call-with-widgets.png`)}) center/cover;filter:blur(1px) brightness(.45)"></div>
        <div style="position:relative;display:grid;place-content:center;justify-items:center;height:100%;color:#fff;text-align:center;gap:8px">
          <img src="${picture('icons/icon-128.png')}" width="88" height="88" alt="">
          <div style="font-size:34px;font-weight:700">TFX Sessions</div>
          <div style="font-size:17px;max-width:360px">Private video calls, peer to peer, with widgets you share</div>
        </div>
      </body>`);
    await page.getByText('TFX Sessions').waitFor();
    await page.screenshot({ path: `${STORE}/promo-440x280.png` });
    expect(sizeOf(`${STORE}/promo-440x280.png`)).toEqual([440, 280]);
  });
});
