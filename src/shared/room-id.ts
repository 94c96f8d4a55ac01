import { roomIdSchema } from './identifiers.js';

/** 128 random bits, base64url: unguessable, and valid as a room id (22 characters). */
export function newRoomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Accepts what a person pastes: a bare room id or a whole invite link ending in /r/<room>. */
export function roomFromInput(text: string): string | undefined {
  const trimmed = text.trim();
  const fromLink = /\/r\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  const candidate = fromLink ?? trimmed;
  return roomIdSchema.safeParse(candidate).success ? candidate : undefined;
}
