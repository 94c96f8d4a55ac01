import { randomBytes } from 'node:crypto';
import type { createClient } from 'redis';
import { z } from 'zod';
import {
  mediaStateSchema,
  peerSchema,
  type MediaState,
  type Peer,
  type RoomSettings,
} from '../protocol/signalling.js';
import { errors } from '../shared/app-error.js';
import { WRONG_PASSWORD_WINDOW_MS } from './memory-room-store.js';
import {
  toPeer,
  type JoinOutcome,
  type Member,
  type PasswordHash,
  type RoomStore,
} from './room-store.js';

type RedisClient = ReturnType<typeof createClient>;

/** A member as stored: which server process holds its socket, so a crashed one can be swept. */
const storedMemberSchema = peerSchema.extend({ socketId: z.string().min(1), node: z.string() });
type StoredMember = z.infer<typeof storedMemberSchema>;

const NODE_TTL_MS = 15_000;
const HEARTBEAT_MS = 5_000;

/*
 * One hash per room: `m:<peerId>` → member JSON, plus `salt`, `hash` (the password's scrypt hash,
 * hex) and `locked`. Scripts run atomically in Redis, so two processes admitting the last seat at
 * once cannot both succeed.
 */
const JOIN_SCRIPT = `
local room, field = KEYS[1], 'm:' .. ARGV[1]
local count = 0
local all = redis.call('HGETALL', room)
for i = 1, #all, 2 do
  local f = all[i]
  if string.sub(f, 1, 2) == 'm:' then
    -- a member whose server process stopped renewing its key crashed with it: sweep it
    if redis.call('EXISTS', ARGV[6] .. cjson.decode(all[i + 1]).node) == 0 then
      redis.call('HDEL', room, f)
    elseif f ~= field then
      count = count + 1
    end
  end
end
local returning = redis.call('HGET', room, field)
if returning then
  redis.call('HSET', room, field, ARGV[2])
  return {'replaced', returning}
end
if count == 0 then
  redis.call('DEL', room)
  redis.call('HSET', room, field, ARGV[2], 'locked', '0')
  if ARGV[5] ~= '' then redis.call('HSET', room, 'salt', ARGV[4], 'hash', ARGV[5]) end
  return {'ok'}
end
if redis.call('HGET', room, 'locked') == '1' then return {'locked'} end
local stored = redis.call('HGET', room, 'hash')
if stored then
  if ARGV[5] == '' then return {'password-required'} end
  if stored ~= ARGV[5] then return {'wrong-password'} end
end
if count >= tonumber(ARGV[3]) then return {'full'} end
redis.call('HSET', room, field, ARGV[2])
return {'ok'}
`;

// The first wrong password starts the room's minute; the key goes with it.
const COUNT_GUESS_SCRIPT = `
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
`;

const LEAVE_SCRIPT = `
local room, field = KEYS[1], 'm:' .. ARGV[1]
local stored = redis.call('HGET', room, field)
if not stored or cjson.decode(stored).socketId ~= ARGV[2] then return 0 end
redis.call('HDEL', room, field)
for _, f in ipairs(redis.call('HKEYS', room)) do
  if string.sub(f, 1, 2) == 'm:' then return 1 end
end
-- the last person out takes the password and the lock with them
redis.call('DEL', room)
return 1
`;

/**
 * Rooms kept in Redis and shared by every server process pointed at it (`REDIS_URL`). Each
 * process renews a short-lived key for itself; members of a process that stopped renewing it are
 * swept at the next join, so a crashed process does not hold seats forever.
 */
export class RedisRoomStore implements RoomStore {
  private readonly node = randomBytes(9).toString('base64url');
  /** This process's own members, by room: for /metrics and the rooms-per-process limit. */
  private readonly local = new Map<string, Map<string, string>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    readonly capacityLimit: number,
    private readonly maxRooms = Infinity,
    private readonly prefix = 'tfx:',
  ) {}

  /** Announces this process as alive, and keeps doing so. Call once connected. */
  async start(): Promise<void> {
    await this.renew();
    this.heartbeat = setInterval(() => void this.renew().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async passwordSalt(roomId: string): Promise<Buffer | undefined> {
    const salt = await this.redis.hGet(this.roomKey(roomId), 'salt');
    return salt ? Buffer.from(salt, 'hex') : undefined;
  }

  async exists(roomId: string): Promise<boolean> {
    return (await this.redis.exists(this.roomKey(roomId))) === 1;
  }

  async peek(roomId: string): Promise<{ names: string[]; settings: RoomSettings } | undefined> {
    const { members, settings } = await this.read(roomId);
    return members.length === 0 ? undefined : { names: members.map((m) => m.name), settings };
  }

  async join(roomId: string, member: Member, password?: PasswordHash): Promise<JoinOutcome> {
    if (!this.local.has(roomId) && this.local.size >= this.maxRooms)
      return { ok: false, error: errors.serverFull(this.maxRooms) };
    const stored: StoredMember = { ...member, node: this.node };
    const [verdict, previous] = await this.redis.sendCommand<[string, string | undefined]>([
      'EVAL',
      JOIN_SCRIPT,
      '1',
      this.roomKey(roomId),
      member.id,
      JSON.stringify(stored),
      String(this.capacityLimit),
      password?.salt.toString('hex') ?? '',
      password?.hash.toString('hex') ?? '',
      this.nodeKey(''),
    ]);
    switch (verdict) {
      case 'locked':
        return { ok: false, error: errors.roomLocked() };
      case 'password-required':
        return { ok: false, error: errors.passwordRequired() };
      case 'wrong-password':
        return { ok: false, error: errors.wrongPassword() };
      case 'full':
        return { ok: false, error: errors.roomFull(this.capacityLimit) };
    }
    this.trackLocal(roomId, member.id, member.socketId);
    const { members, settings } = await this.read(roomId);
    const others = members.filter((m) => m.id !== member.id).map(toPeer);
    const replaced = previous ? parseMember(previous)?.socketId : undefined;
    return { ok: true, others, settings, ...(replaced ? { replaced } : {}) };
  }

  async leave(roomId: string, peerId: string, socketId: string): Promise<boolean> {
    const removed = await this.redis.sendCommand<number>([
      'EVAL',
      LEAVE_SCRIPT,
      '1',
      this.roomKey(roomId),
      peerId,
      socketId,
    ]);
    // Gone from here either way: removed, or it came back through another socket (maybe elsewhere).
    if (this.local.get(roomId)?.get(peerId) === socketId)
      this.trackLocal(roomId, peerId, undefined);
    return removed === 1;
  }

  async wrongPasswordsThisMinute(roomId: string): Promise<number> {
    return Number((await this.redis.get(this.guessesKey(roomId))) ?? 0);
  }

  /** One key per room and minute (from the first wrong one), shared by every process. */
  async countWrongPassword(roomId: string): Promise<void> {
    await this.redis.sendCommand([
      'EVAL',
      COUNT_GUESS_SCRIPT,
      '1',
      this.guessesKey(roomId),
      String(WRONG_PASSWORD_WINDOW_MS),
    ]);
  }

  async setLocked(roomId: string, locked: boolean): Promise<RoomSettings | undefined> {
    if (!(await this.exists(roomId))) return undefined;
    await this.redis.hSet(this.roomKey(roomId), 'locked', locked ? '1' : '0');
    return (await this.read(roomId)).settings;
  }

  async member(roomId: string, peerId: string): Promise<Member | undefined> {
    const stored = await this.redis.hGet(this.roomKey(roomId), `m:${peerId}`);
    return stored ? parseMember(stored) : undefined;
  }

  async updateMedia(roomId: string, peerId: string, media: MediaState): Promise<Peer | undefined> {
    const key = this.roomKey(roomId);
    const stored = await this.redis.hGet(key, `m:${peerId}`);
    const member = stored ? storedMemberSchema.safeParse(JSON.parse(stored)) : undefined;
    if (!member?.success) return undefined;
    const updated = { ...member.data, media: mediaStateSchema.parse(media) };
    await this.redis.hSet(key, `m:${peerId}`, JSON.stringify(updated));
    return toPeer(updated);
  }

  counts(): { rooms: number; peers: number } {
    let peers = 0;
    for (const members of this.local.values()) peers += members.size;
    return { rooms: this.local.size, peers };
  }

  /** Stops the heartbeat and removes this process's key: its members are swept from now on. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.redis.del(this.nodeKey(this.node)).catch(() => undefined);
  }

  private async read(roomId: string): Promise<{ members: Member[]; settings: RoomSettings }> {
    const fields = await this.redis.hGetAll(this.roomKey(roomId));
    const members: Member[] = [];
    for (const [field, value] of Object.entries(fields)) {
      if (!field.startsWith('m:')) continue;
      const member = parseMember(value);
      if (member) members.push(member);
    }
    return {
      members,
      settings: { locked: fields.locked === '1', passwordProtected: fields.hash !== undefined },
    };
  }

  private trackLocal(roomId: string, peerId: string, socketId: string | undefined): void {
    const members = this.local.get(roomId) ?? new Map<string, string>();
    if (socketId) members.set(peerId, socketId);
    else members.delete(peerId);
    if (members.size > 0) this.local.set(roomId, members);
    else this.local.delete(roomId);
  }

  private renew(): Promise<unknown> {
    return this.redis.set(this.nodeKey(this.node), '1', { PX: NODE_TTL_MS });
  }

  private roomKey(roomId: string): string {
    return `${this.prefix}room:${roomId}`;
  }

  private guessesKey(roomId: string): string {
    return `${this.prefix}guesses:${roomId}`;
  }

  private nodeKey(node: string): string {
    return `${this.prefix}node:${node}`;
  }
}

/** Redis is the operator's, but what comes back from it is still parsed, never trusted blindly. */
function parseMember(json: string): Member | undefined {
  try {
    const parsed = storedMemberSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    const { id, instance, name, media, socketId } = parsed.data;
    return { id, instance, name, media, socketId };
  } catch {
    return undefined;
  }
}
