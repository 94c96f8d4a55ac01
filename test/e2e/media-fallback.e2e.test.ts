import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, expectVideoPlaying, tileOf } from './harness/call-page.js';

const PORT = 8086;

describe('a person who refuses camera and microphone', () => {
  let server: SignallingServer;
  let ivy: Person;
  let jon: Person;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    [ivy, jon] = await Promise.all([launchPerson({ mediaGrant: 'nothing' }), launchPerson()]);
  });

  afterAll(async () => {
    await Promise.all([ivy.close(), jon.close()]);
    await server.close();
  });

  it('still joins, is told why, sees the others, and they see that Ivy sends nothing', async () => {
    const serverUrl = `http://127.0.0.1:${PORT}`;
    const ivyPage = await openCall(ivy, 'no-camera', 'Ivy', serverUrl);
    await ivyPage
      .getByText('Camera and microphone unavailable (permission was denied)')
      .waitFor({ timeout: 20_000 });
    await ivyPage.getByRole('button', { name: 'Leave' }).waitFor();

    const jonPage = await openCall(jon, 'no-camera', 'Jon', serverUrl);
    await expectState(tileOf(jonPage, 'Ivy'), 'connected');
    await tileOf(jonPage, 'Ivy').getByText('Camera off').waitFor({ state: 'visible' });
    await tileOf(jonPage, 'Ivy').getByText('Microphone off').waitFor({ state: 'visible' });
    await expectVideoPlaying(tileOf(ivyPage, 'Jon'));
  });
});
