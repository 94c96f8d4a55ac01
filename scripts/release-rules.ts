/**
 * What a store release must have that a developer build need not: a real server to talk to,
 * chosen when it is built, and a version the store accepts.
 */

/**
 * The release's signalling server, from TFX_SERVER_URL. A release without one would talk to
 * 127.0.0.1 on every person's computer, and its invite links would open nowhere else; over
 * plain http, names and room ids would cross the network readable.
 */
export function releaseServerUrl(env: Record<string, string | undefined>): string {
  const text = env.TFX_SERVER_URL?.trim();
  if (!text) {
    throw new Error(
      'A release needs its signalling server: TFX_SERVER_URL=https://calls.example.com npm run package',
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`TFX_SERVER_URL: "${text}" is not a URL.`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`TFX_SERVER_URL: a release talks to its server over https, not "${text}".`);
  }
  return url.origin;
}

/**
 * Chrome's rule for `version`: one to four dot-separated integers, each 0–65535 without a
 * leading zero, not all zero.
 */
export function storeVersionProblem(version: string): string | undefined {
  const parts = version.split('.');
  const valid =
    parts.length >= 1 &&
    parts.length <= 4 &&
    parts.every((part) => /^(0|[1-9]\d{0,4})$/.test(part) && Number(part) <= 65535) &&
    parts.some((part) => part !== '0');
  return valid
    ? undefined
    : `version "${version}" is not one to four numbers 0–65535 separated by dots (e.g. 1.2.3)`;
}
