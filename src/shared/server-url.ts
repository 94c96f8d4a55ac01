/** The origin of an http(s) signalling server address, or undefined for anything else. */
export function parseServerUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a link only opens on the computer that made it: a loopback host (localhost,
 * 127.0.0.0/8, ::1) or the "any address" 0.0.0.0, which browsers also send to this machine.
 */
export function isThisComputerOnly(link: string): boolean {
  let host: string;
  try {
    host = new URL(link).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}
