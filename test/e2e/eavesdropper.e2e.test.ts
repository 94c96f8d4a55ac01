import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { UNCONNECTED_GRACE_MS } from '../../src/session/unconnected-members.js';
import { TestClient } from '../unit/server/test-client.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, tileOf } from './harness/call-page.js';

const PORT = 8112;
const SERVER = `http://127.0.0.1:${PORT}`;

const warning = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'in this room but not connected to you' });

// Mallory is in the room as far as the server is concerned (a raw signalling client, or a
// member a dishonest server made up), but never connects to anyone.
describe('the eavesdropper check', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let mallory: TestClient;
  const room = `listened-${Date.now()}`;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
  });

  afterAll(async () => {
    mallory?.socket.close();
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('names someone the server lists who never connects, and only them', async () => {
    mallory = await new TestClient(SERVER).connected();
    expect(await mallory.join(room, 'Mallory')).toMatchObject({ ok: true });
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    const bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    // Within the grace nobody is accused: connecting can take a while.
    expect(await warning(ana).isVisible()).toBe(false);
    await warning(ana).waitFor({ timeout: UNCONNECTED_GRACE_MS + 10_000 });
    expect(await warning(ana).textContent()).toBe(
      'Someone is in this room but not connected to you: Mallory.',
    );
    await warning(bea).waitFor();
    expect(await warning(bea).textContent()).toBe(
      'Someone is in this room but not connected to you: Mallory.',
    );
  });

  it('takes the warning away when they leave', async () => {
    expect(await mallory.request('room:leave', {})).toMatchObject({ ok: true });
    await eventually('the warning is gone', async () => !(await warning(ana).isVisible()));
  });
});
