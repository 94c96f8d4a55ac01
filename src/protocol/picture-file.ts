/**
 * A picture a person chooses from their disk to put behind them in a call: the file crosses
 * into the page here and is checked before the browser is asked to decode it. Only raster
 * formats the browser decodes itself; an SVG is refused (it is a document, not a picture).
 */
import { z } from 'zod';
import { accepted, refused, type Parsed } from './parsed.js';

export const PICTURE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/bmp',
] as const;

/** Larger photos than any camera's are not needed, and decoding them would cost memory. */
export const MAX_PICTURE_BYTES = 20 * 1024 * 1024;

/** Why a chosen file is not used: the refusal's reason; the page words each code for the person. */
export const PICTURE_REFUSALS = [
  'NOT_A_PICTURE',
  'PICTURE_TOO_LARGE',
  'UNREADABLE_PICTURE',
] as const;
export type PictureRefusal = (typeof PICTURE_REFUSALS)[number];

const pictureFileSchema = z.object({
  type: z.enum(PICTURE_TYPES),
  size: z.number().int().min(1).max(MAX_PICTURE_BYTES),
});

export type PictureFile = z.infer<typeof pictureFileSchema>;

/** The file's type and size, as the browser reports them, if it may be decoded. */
export function parsePictureFile(file: { type: string; size: number }): Parsed<PictureFile> {
  const parsed = pictureFileSchema.safeParse({ type: file.type, size: file.size });
  if (parsed.success) return accepted(parsed.data);
  const tooLarge = parsed.error.issues.some(
    (issue) => issue.path[0] === 'size' && file.size > MAX_PICTURE_BYTES,
  );
  const wrongType = parsed.error.issues.some((issue) => issue.path[0] === 'type');
  return refused(tooLarge && !wrongType ? 'PICTURE_TOO_LARGE' : 'NOT_A_PICTURE');
}

export function isPictureRefusal(reason: string): reason is PictureRefusal {
  return (PICTURE_REFUSALS as readonly string[]).includes(reason);
}
