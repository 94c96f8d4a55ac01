import { describe, expect, it } from 'vitest';
import { CallWidgetNetwork } from '../../../src/call/widgets/call-widget-network.js';
import { PEER_LIMITS } from '../../../src/protocol/peer.js';
import type { PeerInfo } from '../../../src/protocol/widget.js';
import type { CallSession, CallSessionEvents } from '../../../src/session/call-session.js';
import { AppError } from '../../../src/shared/app-error.js';
import { createLogger } from '../../../src/shared/log.js';
import { TypedEmitter } from '../../../src/shared/typed-emitter.js';
import { MemoryRoom } from '../../../src/widget-host/memory-room.js';
import type { WidgetNetwork } from '../../../src/widget-host/widget-network.js';
import { linkedPair, type LinkedChannel } from './linked-channels.js';

/** A room of peers on one kind of widget network, as a widget host sees it. */
interface World {
  join(info: PeerInfo): WidgetNetwork;
  leave(peerId: string): void;
}

function memoryWorld(): World {
  const room = new MemoryRoom();
  return { join: (info) => room.join(info), leave: (peerId) => room.leave(peerId) };
}

/** The call's network on a stand-in session: data channels are in-memory pairs. */
class StandInSession extends TypedEmitter<CallSessionEvents> {
  readonly state;
  constructor(
    self: PeerInfo,
    private readonly directory: Map<string, PeerInfo>,
  ) {
    super();
    this.state = { kind: 'in-call' as const, selfId: self.id, capacity: 6 };
  }
  peer(peerId: string) {
    const info = this.directory.get(peerId);
    return info && { ...info, instance: `${peerId}-tab`, media: { audio: true, video: true } };
  }
  fire<K extends keyof CallSessionEvents>(name: K, payload: CallSessionEvents[K]): void {
    this.emit(name, payload);
  }
}

function callWorld(): World {
  const directory = new Map<string, PeerInfo>();
  const members = new Map<string, { session: StandInSession; channels: LinkedChannel[] }>();
  return {
    join(info) {
      const session = new StandInSession(info, directory);
      const network = new CallWidgetNetwork(
        session as unknown as CallSession,
        info.name,
        createLogger('test'),
        new AbortController().signal,
      );
      directory.set(info.id, info);
      const channels: LinkedChannel[] = [];
      for (const [otherId, other] of members) {
        const [mine, theirs] = linkedPair();
        channels.push(mine);
        other.channels.push(theirs);
        other.session.fire('dataChannelOpened', {
          peerId: info.id,
          channel: theirs as unknown as RTCDataChannel,
        });
        session.fire('dataChannelOpened', {
          peerId: otherId,
          channel: mine as unknown as RTCDataChannel,
        });
      }
      members.set(info.id, { session, channels });
      return network;
    },
    leave(peerId) {
      const leaving = members.get(peerId);
      members.delete(peerId);
      directory.delete(peerId);
      for (const channel of leaving?.channels ?? []) channel.close();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const text = (value: string) => new TextEncoder().encode(value);
const ana = { id: 'ana', name: 'Ana' };
const bea = { id: 'bea', name: 'Bea' };
const cai = { id: 'cai', name: 'Cai' };

describe.each([
  ['the playground’s MemoryRoom', memoryWorld],
  ['the call’s CallWidgetNetwork', callWorld],
])('the widget network contract: %s', (_name, makeWorld) => {
  it('knows who this person is, and tells of peers joining and leaving by name', async () => {
    const world = makeWorld();
    const anaNet = world.join(ana);
    const seen: string[] = [];
    anaNet.on('peerJoined', (peer) => seen.push(`+${peer.name}`));
    anaNet.on('peerLeft', (peer) => seen.push(`-${peer.name}`));
    world.join(bea);
    world.join(cai);
    await settle();
    expect(anaNet.self).toEqual(ana);
    expect(
      anaNet
        .peers()
        .map((peer) => peer.name)
        .sort(),
    ).toEqual(['Bea', 'Cai']);
    expect(anaNet.knows('bea')).toBe(true);
    world.leave('bea');
    await settle();
    expect(seen).toEqual(['+Bea', '+Cai', '-Bea']);
    expect(anaNet.peers()).toEqual([cai]);
  });

  it('delivers a broadcast to every other peer once, in order, from the sender it names', async () => {
    const world = makeWorld();
    const anaNet = world.join(ana);
    const beaNet = world.join(bea);
    const caiNet = world.join(cai);
    const received: string[] = [];
    for (const net of [anaNet, beaNet, caiNet])
      net.on('messageReceived', ({ widgetId, from, kind, payload }) =>
        received.push(
          `${net.self.id}<${from.id}:${widgetId}:${kind}:${new TextDecoder().decode(payload)}`,
        ),
      );
    await anaNet.send('chat', 'json', text('"one"'));
    await anaNet.send('chat', 'json', text('"two"'));
    await settle();
    expect(received.sort()).toEqual([
      'bea<ana:chat:json:"one"',
      'bea<ana:chat:json:"two"',
      'cai<ana:chat:json:"one"',
      'cai<ana:chat:json:"two"',
    ]);
    expect(received.filter((line) => line.startsWith('bea'))).toEqual([
      'bea<ana:chat:json:"one"',
      'bea<ana:chat:json:"two"',
    ]);
  });

  it('sends to one peer only when asked', async () => {
    const world = makeWorld();
    const anaNet = world.join(ana);
    const beaNet = world.join(bea);
    const caiNet = world.join(cai);
    const received: string[] = [];
    beaNet.on('messageReceived', () => received.push('bea'));
    caiNet.on('messageReceived', () => received.push('cai'));
    await anaNet.send('draw', 'bytes', new Uint8Array([1, 2, 3]), 'cai');
    await settle();
    expect(received).toEqual(['cai']);
  });

  it('refuses with a coded error: a peer it cannot reach, and a message over 16 MiB', async () => {
    const world = makeWorld();
    const anaNet = world.join(ana);
    world.join(bea);
    await settle();
    const codeOf = (sending: Promise<void>) =>
      sending.then(
        () => 'sent',
        (error: unknown) => (error instanceof AppError ? error.code : String(error)),
      );
    expect(await codeOf(anaNet.send('chat', 'json', text('1'), 'nobody'))).toBe('NOT_CONNECTED');
    // Nobody is their own peer: the playground's room and a call agree.
    expect(anaNet.knows('bea')).toBe(true);
    expect(anaNet.knows('ana')).toBe(false);
    expect(await codeOf(anaNet.send('chat', 'json', text('1'), 'ana'))).toBe('NOT_CONNECTED');
    const tooLarge = new Uint8Array(PEER_LIMITS.maxMessageBytes + 1);
    expect(await codeOf(anaNet.send('chat', 'bytes', tooLarge))).toBe('MESSAGE_TOO_LARGE');
  });
});
