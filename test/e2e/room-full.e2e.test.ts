import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import {
  eventually,
  joinNow,
  launchPerson,
  openCall,
  openCallPage,
  type Person,
} from './harness/browser.js';
import { remoteTiles, stageLayout } from './harness/call-page.js';
import { capturedTracks, trackMediaCaptures } from './harness/media-captures.js';

const PORT = 8087;
const SERVER = `http://127.0.0.1:${PORT}`;

describe('a full room', () => {
  let server: SignallingServer;
  const people: Person[] = [];

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    // Six real participants who said no to camera and microphone: a full room of the default
    // size that this 2-core machine can hold (nobody encodes video), and a seventh with a camera.
    people.push(
      ...(await Promise.all(
        Array.from({ length: 6 }, () => launchPerson({ mediaGrant: 'nothing' })),
      )),
    );
    people.push(await launchPerson());
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('tells a seventh person that the room of six is full and offers a new room', async () => {
    const names = ['Ana', 'Bea', 'Cyd', 'Dan', 'Eli', 'Fay'];
    const pages: Page[] = [];
    for (const [index, name] of names.entries()) {
      const page = await openCall(people[index]!, 'six-seats', name, SERVER);
      await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 20_000 });
      pages.push(page);
    }
    await eventually(
      'Fay sees the five others',
      async () => (await remoteTiles(pages[5]!).count()) === 5,
    );
    // Six people fill the stage as 3×2, at the smallest and the largest window.
    for (const [width, height] of [
      [800, 600],
      [1920, 1080],
    ] as const) {
      await pages[5]!.setViewportSize({ width, height });
      await eventually(`six tiles cover Fay's stage at ${width}×${height}`, async () => {
        const layout = await stageLayout(pages[5]!);
        return layout.coverage >= 0.7 && layout.tiles.length === 6 && layout.controlsInView;
      });
    }
    await pages[5]!.screenshot({ path: 'docs/screenshots/call-six-1920x1080.png' });

    await people[6]!.context.addInitScript(trackMediaCaptures);
    const gus = await openCallPage(people[6]!, 'six-seats', 'Gus', SERVER);
    // Told at the pre-join step, before Join now: one card, and the camera goes off.
    await gus
      .getByRole('main', { name: "You can't join this room" })
      .getByText('This room is full (6 people).')
      .waitFor();
    await eventually('Gus’s camera and microphone are released once refused', async () => {
      const tracks = await capturedTracks(gus);
      return tracks.length > 0 && tracks.every((track) => !track.live);
    });
    await eventually('nobody sees Gus', async () => (await remoteTiles(pages[0]!).count()) === 5);
    await gus.getByRole('button', { name: 'Start a new room' }).click();
    await eventually(
      'Gus is in a new room',
      () => new URL(gus.url()).searchParams.get('room') !== 'six-seats',
    );
    await joinNow(gus);
    await gus.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 20_000 });
    await gus.getByText('This room is full').waitFor({ state: 'hidden' });
  });
});
