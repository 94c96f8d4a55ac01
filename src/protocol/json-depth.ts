/**
 * How deeply a widget's JSON message may nest. Parsing and copying JSON is recursive in every
 * engine: a message nested a few thousand levels deep overflows the receiving page's stack
 * (structured clone, JSON.parse) although the sender's engine may have written it. Real
 * messages stay far below this; the sender refuses deeper ones and the receiver checks again.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing it (so a
 * hostile text cannot overflow the stack here). Stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c)
        at++; // a backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}
