/* eslint-disable @typescript-eslint/require-await -- RoomStore is async for Redis; memory answers at once */
import { timingSafeEqual } from 'node:crypto';
import type { MediaState, Peer, RoomSettings } from '../protocol/signalling.js';
import { errors } from '../shared/app-error.js';
import {
  toPeer,
  type JoinOutcome,
  type Member,
  type PasswordHash,
  type RoomStore,
} from './room-store.js';

interface Room {
  members: Map<string, Member>;
  password?: PasswordHash;
  locked: boolean;
}

/** In-memory rooms for the embedded single-process server. */
/** Wrong passwords are counted in windows of a minute, from the first one. */
export const WRONG_PASSWORD_WINDOW_MS = 60_000;

export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, Room>();
  /** Per room: the current window of wrong passwords (rooms that no longer exist included). */
  private readonly wrongPasswords = new Map<string, { since: number; count: number }>();

  constructor(
    readonly capacityLimit: number,
    readonly maxRooms = Infinity,
  ) {}

  /** The salt a password for this room must be hashed with; undefined if it has none. */
  async passwordSalt(roomId: string): Promise<Buffer | undefined> {
    return this.rooms.get(roomId)?.password?.salt;
  }

  async exists(roomId: string): Promise<boolean> {
    return this.rooms.has(roomId);
  }

  async peek(roomId: string): Promise<{ names: string[]; settings: RoomSettings } | undefined> {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    return { names: [...room.members.values()].map((m) => m.name), settings: settingsOf(room) };
  }

  async wrongPasswordsThisMinute(roomId: string): Promise<number> {
    return this.currentWindow(roomId)?.count ?? 0;
  }

  async countWrongPassword(roomId: string): Promise<void> {
    const window = this.currentWindow(roomId);
    if (window) window.count++;
    else this.wrongPasswords.set(roomId, { since: Date.now(), count: 1 });
    // Windows of rooms nobody guesses at any more go, so guessing at many rooms cannot grow this.
    if (this.wrongPasswords.size > 1000) {
      for (const room of [...this.wrongPasswords.keys()]) this.currentWindow(room);
    }
  }

  private currentWindow(roomId: string): { since: number; count: number } | undefined {
    const window = this.wrongPasswords.get(roomId);
    if (window && Date.now() - window.since < WRONG_PASSWORD_WINDOW_MS) return window;
    this.wrongPasswords.delete(roomId);
    return undefined;
  }

  /**
   * Adds a member. A new room takes the joiner's password (if any) as its own; an existing one
   * checks it, and refuses everyone while locked.
   */
  async join(roomId: string, member: Member, password?: PasswordHash): Promise<JoinOutcome> {
    let room = this.rooms.get(roomId);
    // The same peer coming back (its resume token proved the id) keeps its seat: no lock, password
    // or capacity check, and the others keep seeing one person.
    const returning = room?.members.get(member.id);
    if (room && returning) {
      room.members.set(member.id, member);
      const others = [...room.members.values()].filter((m) => m.id !== member.id).map(toPeer);
      return { ok: true, others, settings: settingsOf(room), replaced: returning.socketId };
    }
    if (!room) {
      if (this.rooms.size >= this.maxRooms)
        return { ok: false, error: errors.serverFull(this.maxRooms) };
      room = { members: new Map(), locked: false, ...(password ? { password } : {}) };
    } else {
      if (room.locked) return { ok: false, error: errors.roomLocked() };
      if (room.password) {
        if (!password) return { ok: false, error: errors.passwordRequired() };
        if (!matches(room.password, password)) return { ok: false, error: errors.wrongPassword() };
      }
    }
    if (room.members.size >= this.capacityLimit)
      return { ok: false, error: errors.roomFull(this.capacityLimit) };
    const others = [...room.members.values()].map(toPeer);
    room.members.set(member.id, member);
    this.rooms.set(roomId, room);
    return { ok: true, others, settings: settingsOf(room) };
  }

  /**
   * Removes a member, if it is still the one on `socketId` (it may have come back on another
   * socket since). Returns whether it was removed.
   */
  async leave(roomId: string, peerId: string, socketId: string): Promise<boolean> {
    const room = this.rooms.get(roomId);
    if (room?.members.get(peerId)?.socketId !== socketId) return false;
    room.members.delete(peerId);
    // The password and the lock go with the last person out.
    if (room.members.size === 0) this.rooms.delete(roomId);
    return true;
  }

  async setLocked(roomId: string, locked: boolean): Promise<RoomSettings | undefined> {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    room.locked = locked;
    return settingsOf(room);
  }

  member(roomId: string, peerId: string): Member | undefined {
    return this.rooms.get(roomId)?.members.get(peerId);
  }

  async updateMedia(roomId: string, peerId: string, media: MediaState): Promise<Peer | undefined> {
    const member = this.rooms.get(roomId)?.members.get(peerId);
    if (!member) return undefined;
    member.media = media;
    return toPeer(member);
  }

  counts(): { rooms: number; peers: number } {
    let peers = 0;
    for (const room of this.rooms.values()) peers += room.members.size;
    return { rooms: this.rooms.size, peers };
  }

  async close(): Promise<void> {}
}

function matches(stored: PasswordHash, offered: PasswordHash): boolean {
  return (
    stored.salt.equals(offered.salt) &&
    stored.hash.length === offered.hash.length &&
    timingSafeEqual(stored.hash, offered.hash)
  );
}

function settingsOf(room: Room): RoomSettings {
  return { locked: room.locked, passwordProtected: room.password !== undefined };
}
