/**
 * Room ids, peer ids and display names: what every wire and every page accepts. Kept in shared/
 * so that the wires (protocol/) and the pages' helpers both use them without a cycle.
 */
import { z } from 'zod';
import { ROOM_OR_PEER_ID } from './id-pattern.js';

export const MAX_NAME_CHARS = 40;

// C0 and C1 control characters, DEL, and bidi overrides that could disguise a name.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const roomIdSchema = z
  .string()
  .regex(ROOM_OR_PEER_ID, 'room id must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
export const peerIdSchema = z.string().regex(ROOM_OR_PEER_ID, 'peer id is malformed');
export const displayNameSchema = z
  .string()
  .max(200, 'name is too long')
  .transform((name) => name.trim())
  .pipe(
    z
      .string()
      .min(1, 'name must not be empty')
      .max(MAX_NAME_CHARS, `name must be at most ${MAX_NAME_CHARS} characters`)
      .refine(
        (name) => !FORBIDDEN_NAME_CHARS.test(name),
        'name must not contain control characters',
      ),
  );
