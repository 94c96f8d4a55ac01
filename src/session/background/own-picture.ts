/**
 * A picture from the person's disk, made ready to go behind them: checked at the file boundary
 * (protocol/picture-file.ts), decoded by the browser, and scaled down to what a 1080p frame
 * can show, so a 50-megapixel photo does not sit in memory for the whole call.
 */
import { accepted, refused, type Parsed } from '../../protocol/parsed.js';
import { parsePictureFile, type PictureRefusal } from '../../protocol/picture-file.js';

const LARGEST_WIDTH = 1920;
const LARGEST_HEIGHT = 1080;

const UNREADABLE: PictureRefusal = 'UNREADABLE_PICTURE';

/** The picture, or a refusal whose reason is a `PictureRefusal` code. */
export async function readOwnPicture(file: Blob): Promise<Parsed<ImageBitmap>> {
  const check = parsePictureFile(file);
  if (!check.ok) return refused(check.reason);
  let decoded: ImageBitmap;
  try {
    decoded = await createImageBitmap(file);
  } catch {
    return refused(UNREADABLE);
  }
  const { width, height } = decoded;
  // Just enough to cover a 1920×1080 frame: the picture is cropped to the frame, never shown
  // letterboxed.
  const scale = Math.min(1, Math.max(LARGEST_WIDTH / width, LARGEST_HEIGHT / height));
  if (scale === 1) return accepted(decoded);
  try {
    const picture = await createImageBitmap(decoded, {
      resizeWidth: Math.max(1, Math.round(width * scale)),
      resizeHeight: Math.max(1, Math.round(height * scale)),
      resizeQuality: 'high',
    });
    return accepted(picture);
  } catch {
    return refused(UNREADABLE);
  } finally {
    decoded.close();
  }
}
