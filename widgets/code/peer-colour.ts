/**
 * Cursor colours, one per peer, the same on every screen. Each reads on the white editor and
 * carries its name label in white at 4.5:1 or more (WCAG AA).
 */
export const COLOURS = [
  '#2563eb',
  '#be185d',
  '#047857',
  '#b45309',
  '#7c3aed',
  '#b91c1c',
  '#0e7490',
];

export function colourFor(peerId: string): string {
  let hash = 0;
  for (const char of peerId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}
