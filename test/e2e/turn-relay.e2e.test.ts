import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, expectVideoPlaying, openWidget, tileOf } from './harness/call-page.js';
import { startCoturn, type Coturn } from './harness/coturn.js';
import { trackPeerConnections } from './harness/peer-connections.js';

const PORT = 8088;
const SERVER = `http://127.0.0.1:${PORT}`;
const SECRET = 'tfx-e2e-turn-shared-secret';

/** The local and remote candidate types of each connection's selected pair. */
function selectedPairTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const pcs = (globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    const types: string[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((report: Record<string, unknown>) => byId.set(report.id as string, report));
      for (const report of byId.values()) {
        if (report.type !== 'transport' || !report.selectedCandidatePairId) continue;
        const pair = byId.get(report.selectedCandidatePairId as string)!;
        const local = byId.get(pair.localCandidateId as string)!;
        const remote = byId.get(pair.remoteCandidateId as string)!;
        types.push(`${String(local.candidateType)}/${String(remote.candidateType)}`);
      }
    }
    return types;
  });
}

/** Gathers relay candidates with the given credentials; returns them and any TURN errors. */
function gatherRelay(page: Page, server: RTCIceServer) {
  return page.evaluate(async (iceServer) => {
    const pc = new RTCPeerConnection({ iceServers: [iceServer], iceTransportPolicy: 'relay' });
    const candidates: string[] = [];
    const errors: number[] = [];
    pc.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate?.candidate) candidates.push(candidate.type ?? '?');
    });
    pc.addEventListener('icecandidateerror', (event) => errors.push(event.errorCode));
    pc.createDataChannel('probe');
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
      setTimeout(resolve, 10_000);
    });
    pc.close();
    return { candidates, errors };
  }, server);
}

function restCredentials(expiry: number, user: string): { username: string; credential: string } {
  const username = `${expiry}:${user}`;
  return { username, credential: createHmac('sha1', SECRET).update(username).digest('base64') };
}

async function turnOnRelayOnly(person: Person): Promise<void> {
  const options = await person.context.newPage();
  await options.goto(person.extensionUrl('src/options/options.html'));
  await options.getByLabel('Signalling server URL').fill(SERVER);
  await options.getByLabel('ICE servers (STUN/TURN)').fill('');
  await options.getByLabel(/Relay only/).check();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText(/^Saved\./).waitFor();
  await options.close();
}

// An office firewall or a privacy-minded person: "Relay only" on, no TURN server typed in, the
// signalling server hands out coturn credentials, and all media goes through the relay.
describe('calls through a TURN relay', () => {
  let coturn: Coturn;
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    coturn = await startCoturn(3478, SECRET);
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT, turnUrls: [coturn.url], turnSecret: SECRET },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
    for (const person of people) {
      await person.context.addInitScript(trackPeerConnections);
      await turnOnRelayOnly(person);
    }
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server?.close();
    await coturn?.stop();
  });

  it('connects a relay-only call with credentials from the signalling server', async () => {
    const room = newRoomId();
    ana = await openCall(people[0]!, room, 'Ana');
    bea = await openCall(people[1]!, room, 'Bea');
    await expectState(tileOf(ana, 'Bea'), 'connected', 30_000);
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
    expect(await selectedPairTypes(ana)).toEqual(['relay/relay']);
    expect(await selectedPairTypes(bea)).toEqual(['relay/relay']);
  });

  it('says "relayed" in the Stats widget for a call through the relay', async () => {
    await openWidget(ana, 'Stats');
    const section = ana
      .frameLocator('iframe[title="Stats"]')
      .getByRole('region', { name: 'Statistics for Bea' });
    await eventually('the summary names the path', async () =>
      /^(relayed|direct) · /.test((await section.locator('.summary').textContent()) ?? ''),
    );
    expect(await section.locator('.summary').textContent()).toMatch(/^relayed · RTT \d+ ms/);
  });

  it('is refused by coturn once the credentials have expired, and served while they are valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await gatherRelay(ana, { urls: coturn.url, ...restCredentials(now + 600, 'x') });
    expect(valid.candidates).toContain('relay');
    const expired = await gatherRelay(ana, {
      urls: coturn.url,
      ...restCredentials(now - 60, 'x'),
    });
    expect(expired.candidates).toEqual([]);
    expect(expired.errors).toContain(401);
  });
});
