import type { MediaState, Peer } from '../protocol/signalling.js';
import { errors, type AppError } from '../shared/app-error.js';

export interface Member extends Peer {
  socketId: string;
}

export type JoinOutcome = { ok: true; others: Peer[] } | { ok: false; error: AppError };

function toPeer({ id, name, media }: Member): Peer {
  return { id, name, media };
}

/** In-memory rooms for the embedded single-process server. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Map<string, Member>>();

  constructor(
    readonly capacityLimit: number,
    readonly maxRooms = Infinity,
  ) {}

  join(roomId: string, member: Member): JoinOutcome {
    const existing = this.rooms.get(roomId);
    if (!existing && this.rooms.size >= this.maxRooms)
      return { ok: false, error: errors.serverFull(this.maxRooms) };
    const room = existing ?? new Map<string, Member>();
    if (room.size >= this.capacityLimit)
      return { ok: false, error: errors.roomFull(this.capacityLimit) };
    const others = [...room.values()].map(toPeer);
    room.set(member.id, member);
    this.rooms.set(roomId, room);
    return { ok: true, others };
  }

  leave(roomId: string, peerId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.delete(peerId);
    if (room.size === 0) this.rooms.delete(roomId);
  }

  member(roomId: string, peerId: string): Member | undefined {
    return this.rooms.get(roomId)?.get(peerId);
  }

  updateMedia(roomId: string, peerId: string, media: MediaState): Peer | undefined {
    const member = this.member(roomId, peerId);
    if (!member) return undefined;
    member.media = media;
    return toPeer(member);
  }

  counts(): { rooms: number; peers: number } {
    let peers = 0;
    for (const room of this.rooms.values()) peers += room.size;
    return { rooms: this.rooms.size, peers };
  }
}
