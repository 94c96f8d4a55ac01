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
      return 'permission was denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no device was found';
    case 'NotReadableError':
      return 'the device is in use by another program';
    default:
      return 'it could not be started';
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
        notice: `Camera unavailable (${why}): you joined with your microphone only.`,
      };
    }
    if (video.status === 'fulfilled') {
      return {
        stream: video.value,
        outcome: 'camera-only',
        notice: `Microphone unavailable (${reasonOf(audio.reason)}): others can see but not hear you.`,
      };
    }
    return {
      stream: new MediaStream(),
      outcome: 'receive-only',
      notice: `Camera and microphone unavailable (${reasonOf(bothError)}): you can see and hear the others, they can't see or hear you.`,
    };
  }
}
