import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Sdk from '../../src/sdk/index.js';
import { eventually } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';
import { recordWidgetDeliveries, sendersOf } from './harness/widget-deliveries.js';

const PORT = 8108;
const MAX = 16 * 1024 * 1024;

/** What the SDK probe fixture hands the test (test/fixtures/widgets/tfx-test-sdk-probe). */
interface SdkProbe {
  tfx: typeof Sdk;
  selfBeforeReady: string;
  left: string[];
  outcome(this: void, promise: Promise<unknown>): Promise<string>;
  received?: unknown[];
}

async function probeFrame(page: Page): Promise<Frame> {
  const element = await page.locator('iframe[title="SDK probe"]').elementHandle();
  const frame = await element.contentFrame();
  if (!frame) throw new Error('The SDK probe has no frame.');
  await frame.waitForFunction(() => 'sdkProbe' in globalThis);
  return frame;
}

/**
 * Runs `fn` in the frame with the probe, as widget code would run. Sent as source text through
 * the debugging protocol, which the page's CSP (no eval) does not apply to.
 */
function inWidget<R, A>(frame: Frame, fn: (probe: SdkProbe, arg: A) => R, arg: A) {
  return frame.evaluate<Awaited<R>>(
    `(${fn.toString()})(globalThis.sdkProbe, ${JSON.stringify(arg)})`,
  );
}

// The SDK as docs/widgets.md promises it, in a real call between two browsers: every call made
// from inside a widget's sandboxed frame, every message over the real data channel.
describe('the widget SDK in a real call', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;
  let anaProbe: Frame;
  let beaProbe: Frame;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT, { initScripts: [recordWidgetDeliveries] });
    ({ ana, bea } = call);
    await openWidget(ana, 'SDK probe');
    [anaProbe, beaProbe] = await Promise.all([probeFrame(ana), probeFrame(bea)]);
    await inWidget(anaProbe, ({ tfx }) => tfx.ready(), null);
    await inWidget(beaProbe, ({ tfx }) => tfx.ready(), null);
  });

  afterAll(() => call.close());

  it('throws NOT_CONNECTED from self() before ready(), and knows you after', async () => {
    expect(await inWidget(anaProbe, (probe) => probe.selfBeforeReady, null)).toBe('NOT_CONNECTED');
    expect(await inWidget(anaProbe, ({ tfx }) => tfx.self().name, null)).toBe('Ana');
  });

  it('keeps the first 1,000 messages that arrive before onMessage, in order', async () => {
    const sent = await inWidget(
      anaProbe,
      async ({ tfx, outcome }) => {
        const outcomes: string[] = [];
        for (let n = 0; n < 1005; n++)
          outcomes.push(await outcome(tfx.sendMessage({ type: 'early', n })));
        return outcomes.filter((result) => result !== 'ok');
      },
      null,
    );
    expect(sent).toEqual([]);
    await eventually(
      'all 1,005 reached Bea’s frame',
      async () =>
        (await sendersOf(bea.frameLocator('iframe[title="SDK probe"]'), 'early')).length === 1005,
    );
    const handed = await inWidget(
      beaProbe,
      (probe) => {
        probe.received = [];
        probe.tfx.onMessage((data) => probe.received!.push(data));
        return (probe.received as { n: number }[]).map((message) => message.n);
      },
      null,
    );
    expect(handed).toEqual(Array.from({ length: 1000 }, (_, n) => n));
  });

  it('sends typed arrays and DataViews as exactly the bytes they view', async () => {
    const before = await inWidget(beaProbe, (probe) => probe.received!.length, null);
    await inWidget(
      anaProbe,
      async ({ tfx }) => {
        const words = new Uint16Array([1, 2, 3, 4]);
        await tfx.sendMessage(words.subarray(1, 3)); // 2 and 3: four bytes from offset 2
        const bytes = new Uint8Array([10, 11, 12, 13, 14, 15]);
        await tfx.sendMessage(new DataView(bytes.buffer, 2, 3)); // 12, 13, 14
      },
      null,
    );
    await eventually(
      'both arrive',
      async () =>
        (await inWidget(beaProbe, (probe) => probe.received!.length, null)) === before + 2,
    );
    const arrived = await inWidget(
      beaProbe,
      (probe, from) =>
        probe.received!.slice(from).map((data) => ({
          isArrayBuffer: data instanceof ArrayBuffer,
          bytes: [...new Uint8Array(data as ArrayBuffer)],
        })),
      before,
    );
    expect(arrived).toEqual([
      { isArrayBuffer: true, bytes: [2, 0, 3, 0] },
      { isArrayBuffer: true, bytes: [12, 13, 14] },
    ]);
  });

  it('stops calling a handler once it is unsubscribed', async () => {
    await inWidget(
      beaProbe,
      (probe) => {
        const second: unknown[] = [];
        (globalThis as unknown as { second: unknown[] }).second = second;
        (globalThis as unknown as { stop: () => void }).stop = probe.tfx.onMessage((data) =>
          second.push(data),
        );
      },
      null,
    );
    const send = (text: string) =>
      inWidget(anaProbe, ({ tfx }, value) => tfx.sendMessage(value), text);
    const seen = (text: string) =>
      eventually(`Bea's widget got '${text}'`, () =>
        inWidget(beaProbe, (probe, value) => probe.received!.includes(value), text),
      );
    await send('while subscribed');
    await seen('while subscribed');
    await inWidget(beaProbe, () => (globalThis as unknown as { stop: () => void }).stop(), null);
    await send('after unsubscribing');
    await seen('after unsubscribing');
    expect(
      await inWidget(beaProbe, () => (globalThis as unknown as { second: unknown[] }).second, null),
    ).toEqual(['while subscribed']);
  });

  it('removes a stored key when it is set to undefined', async () => {
    const stored = await inWidget(
      anaProbe,
      async ({ tfx }) => {
        await tfx.storage.set('draft', { text: 'hello' });
        const before = await tfx.storage.get('draft');
        await tfx.storage.set('draft', undefined);
        return { before, after: (await tfx.storage.get('draft')) ?? 'removed' };
      },
      null,
    );
    expect(stored).toEqual({ before: { text: 'hello' }, after: 'removed' });
  });

  it('carries a message of exactly 16 MiB and refuses one byte more', async () => {
    const before = await inWidget(beaProbe, (probe) => probe.received!.length, null);
    const outcomes = await inWidget(
      anaProbe,
      async ({ tfx, outcome }, max) => ({
        exact: await outcome(tfx.sendMessage(new Uint8Array(max).fill(7))),
        binaryOver: await outcome(tfx.sendMessage(new Uint8Array(max + 1))),
        // JSON counts its encoded bytes: a string of max - 1 characters is max + 1 with quotes.
        jsonOver: await outcome(tfx.sendMessage('x'.repeat(max - 1))),
      }),
      MAX,
    );
    expect(outcomes).toEqual({
      exact: 'ok',
      binaryOver: `MESSAGE_TOO_LARGE: A message of ${MAX + 1} bytes exceeds the ${MAX}-byte limit.`,
      jsonOver: `MESSAGE_TOO_LARGE: A message of ${MAX + 1} bytes exceeds the ${MAX}-byte limit.`,
    });
    await eventually(
      'the 16 MiB message arrives whole',
      async () =>
        (await inWidget(
          beaProbe,
          (probe, from) => {
            const data = probe.received![from];
            return data instanceof ArrayBuffer && data.byteLength === 16 * 1024 * 1024
              ? new Uint8Array(data).every((byte) => byte === 7)
              : false;
          },
          before,
        )) === true,
      60_000,
    );
  }, 90_000);

  it('refuses a burst past 1,000 messages, and more than 32 MiB waiting, with RATE_LIMITED', async () => {
    const burst = await inWidget(
      anaProbe,
      async ({ tfx, outcome }) => {
        const results = await Promise.all(
          Array.from({ length: 3000 }, (_, n) => outcome(tfx.sendMessage({ type: 'burst', n }))),
        );
        return {
          accepted: results.filter((result) => result === 'ok').length,
          refusal: results.find((result) => result !== 'ok'),
        };
      },
      null,
    );
    expect(burst.accepted).toBeGreaterThanOrEqual(1000);
    expect(burst.accepted).toBeLessThan(3000);
    expect(burst.refusal).toBe('RATE_LIMITED: More than 500 messages per second; slow down.');

    // Wait out the rate (1,000 tokens refill in 2 s), then fill the send queue.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const queued = await inWidget(
      anaProbe,
      async ({ tfx, outcome }, max) =>
        Promise.all([
          outcome(tfx.sendMessage(new Uint8Array(max))),
          outcome(tfx.sendMessage(new Uint8Array(max))),
          outcome(tfx.sendMessage(new Uint8Array(1))),
        ]),
      MAX,
    );
    expect(queued[0]).toBe('ok');
    expect(queued[1]).toBe('ok');
    expect(queued[2]).toMatch(/^RATE_LIMITED: \d+ bytes are still waiting to be sent/);
  }, 120_000);

  it('tells the widget who left, and refuses a send that their leaving cut off with NOT_CONNECTED', async () => {
    const beaId = await inWidget(beaProbe, ({ tfx }) => tfx.self().id, null);
    // A 16 MiB message takes seconds to hand over on this machine: Bea leaves in the middle.
    await inWidget(
      anaProbe,
      (probe, to) => {
        (globalThis as unknown as { cut: Promise<string> }).cut = probe.outcome(
          probe.tfx.sendMessage(new Uint8Array(16 * 1024 * 1024), { to }),
        );
      },
      beaId,
    );
    await bea.getByRole('button', { name: 'Leave' }).click();
    // Leaving ends Bea's widgets: their frames and panel go with the call.
    await bea.locator('iframe').first().waitFor({ state: 'detached' });
    await expect(bea.locator('iframe').count()).resolves.toBe(0);
    await expect(bea.getByRole('complementary', { name: 'Widgets' }).isVisible()).resolves.toBe(
      false,
    );
    expect(
      await inWidget(anaProbe, () => (globalThis as unknown as { cut: Promise<string> }).cut, null),
    ).toMatch(/^NOT_CONNECTED: /);
    await eventually('Ana’s widget is told Bea left', async () =>
      (await inWidget(anaProbe, (probe) => probe.left, null)).includes('Bea'),
    );
  }, 60_000);

  it('unloads a widget that floods its call page with requests, and says so', async () => {
    // 20,000 requests at once: ten times the burst any widget gets.
    await inWidget(
      anaProbe,
      ({ tfx }) => {
        // After this call returns: the frame is gone before an answer could come back.
        setTimeout(() => {
          for (let n = 0; n < 20_000; n++) tfx.setBadge(n % 100);
        });
      },
      null,
    );
    await ana
      .getByText('SDK probe was closed: it sent this page far more requests than a widget needs.')
      .waitFor();
    await ana.locator('iframe[title="SDK probe"]').waitFor({ state: 'detached' });
    // The call goes on: the other widgets are still there to open.
    await openWidget(ana, 'Chat');
    await ana
      .frameLocator('iframe[title="Chat"]')
      .getByRole('textbox', { name: 'Message' })
      .waitFor();
  });
});
