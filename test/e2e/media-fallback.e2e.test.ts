import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectHeard, expectState, expectVideoPlaying, tileOf } from './harness/call-page.js';

const PORT = 8086;
const SERVER = `http://127.0.0.1:${PORT}`;

// One signalling server for every call in this file.
let server: SignallingServer;
beforeAll(async () => {
  server = createSignallingServer({ ...DEFAULT_CONFIG, port: PORT }, createServerLogger('silent'));
  await server.listen();
});
afterAll(() => server.close());

describe('a person who refuses camera and microphone', () => {
  let ivy: Person;
  let jon: Person;

  beforeAll(async () => {
    [ivy, jon] = await Promise.all([launchPerson({ mediaGrant: 'nothing' }), launchPerson()]);
  });

  afterAll(async () => {
    await Promise.all([ivy.close(), jon.close()]);
  });

  it('still joins, is told why, sees the others, and they see that Ivy sends nothing', async () => {
    const ivyPage = await openCall(ivy, 'no-camera', 'Ivy', SERVER);
    await ivyPage
      .getByRole('alert')
      .getByText('Camera and microphone unavailable (permission was denied)')
      .waitFor({ timeout: 20_000 });
    await ivyPage.getByRole('button', { name: 'Leave' }).waitFor();

    const jonPage = await openCall(jon, 'no-camera', 'Jon', SERVER);
    await expectState(tileOf(jonPage, 'Ivy'), 'connected');
    await tileOf(jonPage, 'Ivy').getByText('Camera off').waitFor({ state: 'visible' });
    await tileOf(jonPage, 'Ivy').getByText('Microphone off').waitFor({ state: 'visible' });
    await expectVideoPlaying(tileOf(ivyPage, 'Jon'));
  });
});

// The browser grants one of the two and refuses the other (a person who allowed only the
// camera, or only the microphone): the call keeps what was granted.
describe('a person who allows only one of camera and microphone', () => {
  const people: Person[] = [];

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
  });

  /** Someone whose browser answers yes to `granted` and no to the other. */
  async function allowing(granted: 'camera' | 'microphone'): Promise<Person> {
    const person = await launchPerson({ mediaGrant: 'nothing' });
    people.push(person);
    // For every origin: Chromium refuses to name an extension's origin here.
    await person.context.grantPermissions([granted]);
    return person;
  }

  it('joins with the camera only, says so, and the others see video and "Microphone off"', async () => {
    const kim = await allowing('camera');
    const kimPage = await openCall(kim, 'camera-only', 'Kim', SERVER);
    await kimPage
      .getByRole('alert')
      .getByText('Microphone unavailable (permission was denied): others can see but not hear you.')
      .waitFor({ timeout: 20_000 });
    const lee = await launchPerson();
    people.push(lee);
    const leePage = await openCall(lee, 'camera-only', 'Lee', SERVER);
    await expectVideoPlaying(tileOf(leePage, 'Kim'));
    await tileOf(leePage, 'Kim').getByText('Microphone off').waitFor({ state: 'visible' });
  });

  it('joins with the microphone only, says so, and the others see "Camera off" and hear it', async () => {
    const max = await allowing('microphone');
    const maxPage = await openCall(max, 'microphone-only', 'Max', SERVER);
    await maxPage
      .getByRole('alert')
      .getByText(
        'Camera unavailable (permission was denied): you joined with your microphone only.',
      )
      .waitFor({ timeout: 20_000 });
    const ned = await launchPerson();
    people.push(ned);
    const nedPage = await openCall(ned, 'microphone-only', 'Ned', SERVER);
    await expectState(tileOf(nedPage, 'Max'), 'connected');
    await tileOf(nedPage, 'Max').getByText('Camera off').waitFor({ state: 'visible' });
    await expect(tileOf(nedPage, 'Max').getByText('Microphone off').isVisible()).resolves.toBe(
      false,
    );
    // Max's fake microphone beeps: the sound level on Ned's tile for Max moves.
    await expectHeard(tileOf(nedPage, 'Max'), 'Max is heard');
  });
});
