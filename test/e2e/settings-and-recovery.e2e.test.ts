import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import {
  atPrejoin,
  eventually,
  joinNow,
  launchPerson,
  openCall,
  type Person,
} from './harness/browser.js';
import {
  expectHeard,
  expectState,
  expectVideoPlaying,
  openMenu,
  tileOf,
} from './harness/call-page.js';
import { capturedTracks, trackMediaCaptures } from './harness/media-captures.js';
import { trackPeerConnections } from './harness/peer-connections.js';

// A server the settings point at, started only after the call page has tried to reach it.
const LATE_PORT = 8099;
const LATE_URL = `http://127.0.0.1:${LATE_PORT}`;

describe('settings, an unreachable server and a live device switch', () => {
  let ana: Person;
  let bea: Person;
  let server: SignallingServer | undefined;
  let anaPage: Page;

  beforeAll(async () => {
    [ana, bea] = await Promise.all([
      launchPerson({ initScripts: [trackMediaCaptures, trackPeerConnections] }),
      launchPerson(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([ana.close(), bea.close()]);
    await server?.close();
  });

  it('refuses a malformed ICE server list with the line named, and saves a valid one', async () => {
    const options = await ana.context.newPage();
    await options.goto(ana.extensionUrl('src/options/options.html'));
    await options.getByLabel('Signalling server URL').fill(LATE_URL);
    await options
      .getByLabel('ICE servers (STUN/TURN)')
      .fill('stun:127.0.0.1:3478\nturn:127.0.0.1:3478');
    await options.getByRole('button', { name: 'Save' }).click();
    await options
      .getByText('ICE servers: Line 2: a TURN server needs a username and a credential.')
      .waitFor();
    await options.getByLabel('ICE servers (STUN/TURN)').fill('');
    await options.getByLabel('Default display name').fill('Ana');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').waitFor();
    await options.reload();
    expect(await options.getByLabel('Signalling server URL').inputValue()).toBe(LATE_URL);
    await options.close();
  });

  it('says the server is unreachable, retries, and joins by itself once the server is up', async () => {
    anaPage = await ana.context.newPage();
    await anaPage.goto(ana.extensionUrl('src/call/call.html?room=late-room'), {
      waitUntil: 'domcontentloaded',
    });
    // The default name from the settings fills the pre-join step.
    await atPrejoin(anaPage);
    expect(await anaPage.getByLabel('Your name').inputValue()).toBe('Ana');
    await joinNow(anaPage);
    await anaPage
      .getByText(`Can't reach the signalling server at ${LATE_URL}. Retrying automatically`)
      .waitFor({ timeout: 15_000 });
    expect(await anaPage.getByLabel('Invite link').inputValue()).toBe(`${LATE_URL}/r/late-room`);

    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: LATE_PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    await anaPage.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 15_000 });
    await anaPage
      .getByRole('alert')
      .filter({ hasText: "Can't reach" })
      .waitFor({ state: 'hidden' });
    await tileOf(anaPage, 'You (Ana)').waitFor();
  });

  it('switches camera live while the other person keeps receiving video', async () => {
    const beaPage = await openCall(bea, 'late-room', 'Bea', LATE_URL);
    await expectVideoPlaying(tileOf(beaPage, 'Ana'));

    await openMenu(anaPage, 'Camera settings');
    const camera = anaPage.getByRole('combobox', { name: 'Camera' });
    const cameras = await camera.locator('option').evaluateAll((options) =>
      options.map((option) => ({
        id: (option as HTMLOptionElement).value,
        label: option.textContent,
      })),
    );
    expect(cameras.map((c) => c.label)).toEqual([
      'fake_device_0',
      'fake_device_1',
      'fake_device_2',
    ]);
    expect(await camera.inputValue()).toBe(cameras[0]!.id);
    // fake_device_1 is a depth camera; fake_device_2 is an ordinary (MJPEG) one.
    const target = cameras[2]!.id;
    await camera.selectOption(target);
    await eventually('Ana’s camera is the one she picked', async () =>
      anaPage.evaluate(
        (id) =>
          (document.querySelector<HTMLVideoElement>('figure.self video')!.srcObject as MediaStream)
            .getVideoTracks()
            .some((track) => track.getSettings().deviceId === id),
        target,
      ),
    );
    await expectVideoPlaying(tileOf(beaPage, 'Ana'));
    await beaPage.close();
  });

  it('switches microphone live: the new one is sent, the old one stops, Bea still hears Ana', async () => {
    const beaPage = await openCall(bea, 'late-room', 'Bea', LATE_URL);
    await expectState(tileOf(beaPage, 'Ana'), 'connected');
    await openMenu(anaPage, 'Microphone settings');
    const microphone = anaPage.getByRole('combobox', { name: 'Microphone' });
    const microphones = await microphone
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(microphones.length).toBeGreaterThan(1);
    const before = await microphone.inputValue();
    const target = microphones.find((id) => id !== before)!;
    await microphone.selectOption(target);
    await eventually('Ana sends the microphone she picked', () =>
      anaPage.evaluate(
        (id) =>
          ((globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? [])
            .filter((pc) => pc.connectionState === 'connected')
            .some((pc) =>
              pc
                .getSenders()
                .some(
                  (sender) =>
                    sender.track?.kind === 'audio' && sender.track.getSettings().deviceId === id,
                ),
            ),
        target,
      ),
    );
    const microphonesOpen = (await capturedTracks(anaPage)).filter(
      (track) => track.kind === 'audio' && track.live,
    );
    expect(
      microphonesOpen.map((track) => track.deviceId),
      'only the new microphone is still open',
    ).toEqual([target]);
    await expectHeard(tileOf(beaPage, 'Ana'), 'Bea hears Ana on the new microphone');
    await beaPage.close();
  });
});
