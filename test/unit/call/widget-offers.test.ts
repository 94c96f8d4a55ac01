import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PeerControlChannel } from '../../../src/call/peer-control-channel.js';
import { WidgetOffers } from '../../../src/call/widgets/widget-offers.js';
import { BUNDLE_CHANNEL_ID } from '../../../src/protocol/peer-control.js';
import { createLogger } from '../../../src/shared/log.js';
import { readBundle } from '../../../src/widget-host/bundles/read-bundle.js';
import type { PackedWidget } from '../../../src/widget-host/bundles/installed-widgets.js';
import { MemoryRoom } from '../../../src/widget-host/memory-room.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function packed(script: string): Uint8Array {
  return zipSync({
    'tfxwidget.json': strToU8(
      JSON.stringify({
        id: 'dice',
        type: 'widget',
        title: 'Dice',
        icon: 'widgets/dice/icon.svg',
        url: 'widgets/dice/index.html',
        version: '1.0.0',
        description: 'Rolls dice.',
        author: 'Ana',
      }),
    ),
    'widgets/dice/index.html': strToU8('<script type="module" src="./main.js"></script>'),
    'widgets/dice/main.js': strToU8(script),
    'widgets/dice/icon.svg': strToU8('<svg/>'),
  });
}

async function widgetOf(bytes: Uint8Array): Promise<PackedWidget> {
  const read = await readBundle(bytes);
  if (!read.ok) throw new Error(read.reason);
  return { ...read.value, bytes };
}

/** Ana, who has the widget, and Bea, who has not, in one room of real control channels. */
function call(builtIn: string[] = []) {
  const room = new MemoryRoom();
  const signal = new AbortController().signal;
  const warnings: string[] = [];
  const log = { ...createLogger('test'), warn: (message: string) => void warnings.push(message) };
  const person = (id: string, name: string) => {
    const network = room.join({ id, name });
    const control = new PeerControlChannel(network, log, signal);
    return {
      network,
      offers: new WidgetOffers({ network, control, builtIn: new Set(builtIn), log, signal }),
    };
  };
  return { room, warnings, ana: person('ana', 'Ana'), bea: person('bea', 'Bea') };
}

describe('widgets offered between peers', () => {
  it('describes a widget, and sends its bytes to the one who asks, checked on arrival', async () => {
    const { ana, bea } = call();
    const dice = await widgetOf(packed('roll()'));
    ana.offers.keep(dice);
    await ana.offers.describe('dice');
    await settle();
    const offered = bea.offers.offerFrom('dice', 'ana');
    expect(offered).toEqual({
      widget: 'dice',
      title: 'Dice',
      author: 'Ana',
      version: '1.0.0',
      sha256: dice.sha256,
      size: dice.size,
    });
    const fetched = await bea.offers.fetch(offered!, 'ana');
    expect(fetched.ok && fetched.value.sha256).toBe(dice.sha256);
    expect(fetched.ok && fetched.value.entry.id).toBe('dice');
  });

  it('refuses bytes that are not the ones described, and runs nothing', async () => {
    const { ana, bea } = call();
    // Ana announces one widget and keeps another under the same hash's name: a peer that lies.
    const honest = await widgetOf(packed('roll()'));
    const other = await widgetOf(packed('steal()'));
    ana.offers.keep(other);
    await ana.network.send(
      '_host',
      'json',
      new TextEncoder().encode(
        JSON.stringify({
          type: 'widget:described',
          widget: 'dice',
          title: 'Dice',
          author: 'Ana',
          version: '1.0.0',
          sha256: honest.sha256,
          size: honest.size,
        }),
      ),
    );
    await settle();
    const offered = bea.offers.offerFrom('dice', 'ana')!;
    // Asked for `honest`, Ana has nothing by that hash: she sends nothing. Send the other.
    const fetching = bea.offers.fetch(offered, 'ana');
    await settle();
    await ana.network.send(BUNDLE_CHANNEL_ID, 'bytes', other.bytes, 'bea');
    const fetched = await fetching;
    expect(fetched).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^BUNDLE_HASH_MISMATCH/) as unknown,
    });
  });

  it('drops bytes nobody asked for, and never takes a built-in widget from a peer', async () => {
    const { ana, bea, warnings } = call(['dice']);
    const dice = await widgetOf(packed('roll()'));
    ana.offers.keep(dice);
    await ana.offers.describe('dice');
    await ana.network.send(BUNDLE_CHANNEL_ID, 'bytes', dice.bytes, 'bea');
    await settle();
    expect(warnings).toEqual(['Dropped widget bytes ana sent unasked']);
    // Bea has a built-in "dice": Ana's description of one is ignored.
    expect(bea.offers.offerFrom('dice', 'ana')).toBeUndefined();
  });

  it('offers nothing after No, nor what this person already has', async () => {
    const { ana, bea } = call();
    const dice = await widgetOf(packed('roll()'));
    ana.offers.keep(dice);
    await ana.offers.describe('dice');
    await settle();
    expect(bea.offers.offerFrom('dice', 'ana')).toBeDefined();
    bea.offers.keep(dice);
    expect(bea.offers.offerFrom('dice', 'ana')).toBeUndefined();
    const { ana: ana2, bea: cal } = call();
    ana2.offers.keep(dice);
    await ana2.offers.describe('dice');
    await settle();
    cal.offers.decline('dice');
    expect(cal.offers.offerFrom('dice', 'ana')).toBeUndefined();
  });

  it('sends a peer each widget once, however often it asks', async () => {
    const { ana, bea, warnings } = call();
    const dice = await widgetOf(packed('roll()'));
    ana.offers.keep(dice);
    const arrivals: number[] = [];
    bea.network.on('messageReceived', ({ widgetId, payload }) => {
      if (widgetId === BUNDLE_CHANNEL_ID) arrivals.push(payload.byteLength);
    });
    const ask = new TextEncoder().encode(
      JSON.stringify({ type: 'widget:bundle-asked', sha256: dice.sha256 }),
    );
    for (let time = 0; time < 3; time++) await bea.network.send('_host', 'json', ask, 'ana');
    await settle();
    expect(arrivals).toEqual([dice.bytes.byteLength]);
    // Ana refused the repeats; Bea, who asked without fetching, dropped the one that came.
    expect(warnings.sort()).toEqual([
      'Did not send a widget bea had already been sent',
      'Did not send a widget bea had already been sent',
      'Dropped widget bytes ana sent unasked',
    ]);
  });
});
