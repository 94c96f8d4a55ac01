import { z } from 'zod';
import { displayNameSchema } from './identifiers.js';
import { platform } from '../platform/current.js';
import { DEFAULT_SERVER_URL } from './configured-servers.js';

const iceServerSchema = z.strictObject({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

// Storage is a boundary too: whatever is there (an older version, a hand edit) is parsed.
const settingsSchema = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).catch(DEFAULT_SERVER_URL),
  iceServers: z.array(iceServerSchema).max(16).catch([]),
  relayOnly: z.boolean().catch(false),
  displayName: displayNameSchema.optional().catch(undefined),
});

export type Settings = z.infer<typeof settingsSchema>;

const STORAGE_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await platform.local.get(STORAGE_KEY);
  return settingsSchema.parse(stored ?? {});
}

export async function saveSettings(changes: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings()), ...changes });
  await platform.local.set(STORAGE_KEY, next);
  return next;
}
