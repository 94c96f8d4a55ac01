import type { Page } from 'playwright-core';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import { createSignallingServer } from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { newRoomId } from '../../../src/shared/room-id.js';
import { launchPerson, openCall, type LaunchOptions, type Person } from './browser.js';
import { expectState, tileOf } from './call-page.js';

/** A signalling server on `port` and Ana and Bea connected in a fresh room. */
export interface TwoPersonCall {
  ana: Page;
  bea: Page;
  /** Their Chromium profiles (folders), which also name their processes. */
  profiles: { ana: string; bea: string };
  /** Someone else joins the same room (a late joiner); closed with the rest. */
  join(name: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startTwoPersonCall(
  port: number,
  launch: LaunchOptions = {},
): Promise<TwoPersonCall> {
  const server = createSignallingServer({ ...DEFAULT_CONFIG, port }, createServerLogger('silent'));
  await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const room = newRoomId();
  const people: Person[] = await Promise.all([launchPerson(launch), launchPerson(launch)]);
  const ana = await openCall(people[0]!, room, 'Ana', url);
  const bea = await openCall(people[1]!, room, 'Bea', url);
  await expectState(tileOf(ana, 'Bea'), 'connected');
  await expectState(tileOf(bea, 'Ana'), 'connected');
  return {
    ana,
    bea,
    profiles: { ana: people[0]!.profile, bea: people[1]!.profile },
    join: async (name) => {
      const person = await launchPerson(launch);
      people.push(person);
      return openCall(person, room, name, url);
    },
    close: async () => {
      await Promise.all(people.map((person) => person.close()));
      await server.close();
    },
  };
}
