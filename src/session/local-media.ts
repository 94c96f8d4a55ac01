import { t } from '../shared/i18n.js';

/** What the person joined with, after falling back from whatever the browser refused. */
export type MediaOutcome =
  'camera-and-microphone' | 'microphone-only' | 'camera-only' | 'receive-only';

export interface LocalMedia {
  stream: MediaStream;
  outcome: MediaOutcome;
  /** A sentence for the person when something was missing, e.g. "Camera blocked: …". */
  notice?: string;
}

type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

function reasonOf(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
      return t('media_denied');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t('media_no_device');
    case 'NotReadableError':
      return t('media_in_use');
    default:
      return t('media_not_started');
  }
}

/**
 * Asks for camera and microphone, then falls back to whichever one works, then to joining
 * receive-only: a person without a camera still gets into the call.
 */
export async function acquireLocalMedia(getUserMedia: GetUserMedia): Promise<LocalMedia> {
  try {
    return {
      stream: await getUserMedia({ audio: true, video: VIDEO_CONSTRAINTS }),
      outcome: 'camera-and-microphone',
    };
  } catch (bothError) {
    const [audio, video] = await Promise.allSettled([
      getUserMedia({ audio: true }),
      getUserMedia({ video: VIDEO_CONSTRAINTS }),
    ]);
    if (audio.status === 'fulfilled' && video.status === 'fulfilled') {
      // Each works alone (e.g. the combined request timed out): use both.
      return {
        stream: new MediaStream([...audio.value.getTracks(), ...video.value.getTracks()]),
        outcome: 'camera-and-microphone',
      };
    }
    if (audio.status === 'fulfilled') {
      const why = video.status === 'rejected' ? reasonOf(video.reason) : reasonOf(bothError);
      return {
        stream: audio.value,
        outcome: 'microphone-only',
        notice: t('media_camera_unavailable', why),
      };
    }
    if (video.status === 'fulfilled') {
      return {
        stream: video.value,
        outcome: 'camera-only',
        notice: t('media_microphone_unavailable', reasonOf(audio.reason)),
      };
    }
    return {
      stream: new MediaStream(),
      outcome: 'receive-only',
      notice: t('media_both_unavailable', reasonOf(bothError)),
    };
  }
}
