import { scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

/** scrypt in libuv's thread pool: a password check never blocks other sockets. */
export async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return (await scryptAsync(password.normalize('NFC'), salt, 32)) as Buffer;
}
