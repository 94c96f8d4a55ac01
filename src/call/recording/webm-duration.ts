/**
 * Writes the duration into a WebM file made by MediaRecorder. Chromium records live, so it
 * never knows the length and leaves the Duration field out: players then show no length and
 * cannot seek. Libraries that fix this read the whole recording into memory; only the Info
 * element near the start changes, so this reads the first bytes and keeps the rest as a slice.
 */

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const DURATION = 0x4489;
const SEEK_HEAD = 0x114d9b74;
const CLUSTER = 0x1f43b675;
/** Info sits in the first few hundred bytes of a MediaRecorder file; this is ample. */
const HEAD_BYTES = 64 * 1024;

interface Field {
  value: number;
  length: number;
  /** A size whose bits are all ones: "unknown", as a live recorder writes for the Segment. */
  unknown: boolean;
}

/** An EBML variable-length integer; ids keep their marker bit, sizes lose it. */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): Field | undefined {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index++) {
    const byte = bytes[at + index]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function sizeField(value: number): Uint8Array {
  // Always 8 bytes: room for any size, and the simplest to write.
  const bytes = new Uint8Array(8);
  let rest = value;
  for (let index = 7; index >= 1; index--) {
    bytes[index] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[0] = 0x01;
  return bytes;
}

function durationElement(milliseconds: number): Uint8Array {
  const element = new Uint8Array(11);
  element.set([0x44, 0x89, 0x88]); // id, size 8
  new DataView(element.buffer).setFloat64(3, milliseconds);
  return element;
}

interface Element {
  id: number;
  start: number;
  dataStart: number;
  size: Field;
}

function readElement(bytes: Uint8Array, at: number): Element | undefined {
  const id = readVint(bytes, at, true);
  if (!id) return undefined;
  const size = readVint(bytes, at + id.length, false);
  if (!size) return undefined;
  return { id: id.value, start: at, dataStart: at + id.length + size.length, size };
}

/**
 * The same recording with its duration set, or the recording unchanged when it is not laid out
 * as MediaRecorder writes it (no Info near the start, a duration already there, or a seek index
 * whose offsets a longer Info would break).
 */
export async function withWebmDuration(recording: Blob, milliseconds: number): Promise<Blob> {
  const head = new Uint8Array(await recording.slice(0, HEAD_BYTES).arrayBuffer());
  const header = readElement(head, 0);
  if (header?.id !== EBML_HEADER) return recording;
  const segment = readElement(head, header.dataStart + header.size.value);
  if (segment?.id !== SEGMENT) return recording;
  let at = segment.dataStart;
  while (at < head.length) {
    const element = readElement(head, at);
    if (!element || element.size.unknown || element.id === CLUSTER || element.id === SEEK_HEAD)
      return recording;
    const end = element.dataStart + element.size.value;
    if (element.id !== INFO) {
      at = end;
      continue;
    }
    if (end > head.length) return recording;
    for (let child = element.dataStart; child < end;) {
      const field = readElement(head, child);
      if (!field) return recording;
      if (field.id === DURATION) return recording;
      child = field.dataStart + field.size.value;
    }
    const added = durationElement(milliseconds);
    const infoId = head.subarray(element.start, element.dataStart - element.size.length);
    const infoSize = sizeField(element.size.value + added.length);
    const infoBody = head.subarray(element.dataStart, end);
    const growth = infoSize.length - element.size.length + added.length;
    // A Segment of known size grows with its Info; a live recording's is "unknown" and stays so.
    const segmentSize = segment.size.unknown
      ? head.subarray(segment.dataStart - segment.size.length, segment.dataStart)
      : sizeField(segment.size.value + growth);
    return new Blob(
      [
        head.subarray(0, segment.dataStart - segment.size.length),
        segmentSize,
        head.subarray(segment.dataStart, element.start),
        infoId,
        infoSize,
        infoBody,
        added,
        recording.slice(end),
      ] as BlobPart[],
      { type: recording.type },
    );
  }
  return recording;
}
