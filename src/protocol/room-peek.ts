/**
 * The room as the pre-join step sees it before anyone joins (`GET /rooms/<room>`): how many are
 * in it and, unless it has a password, their names; whether it is locked or full. Nothing here
 * joins or sends media; a protected room reveals no names.
 */
import { z } from 'zod';
import { parseWith, type Parsed } from './parsed.js';
import { displayNameSchema } from './signalling.js';

const roomPeekSchema = z.strictObject({
  people: z.number().int().min(0).max(256),
  /** Absent for a room with a password. */
  names: z.array(displayNameSchema).max(256).optional(),
  capacity: z.number().int().positive(),
  locked: z.boolean(),
  passwordProtected: z.boolean(),
});

export type RoomPeek = z.output<typeof roomPeekSchema>;

export function parseRoomPeek(raw: unknown): Parsed<RoomPeek> {
  return parseWith(roomPeekSchema, raw, 'room');
}
