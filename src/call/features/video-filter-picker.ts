import type { CallContext } from '../call-context.js';
import {
  VIDEO_FILTERS,
  canFilterVideo,
  isVideoFilter,
  type VideoFilter,
} from '../../session/video-filter.js';
import { t, type MessageKey } from '../../shared/i18n.js';

const FILTER_NAME: Record<VideoFilter, MessageKey> = {
  none: 'filter_none',
  mono: 'filter_mono',
  sepia: 'filter_sepia',
  warm: 'filter_warm',
  cool: 'filter_cool',
  contrast: 'filter_contrast',
};

/** The Filter picker: changes the look of your outgoing video, live, for everyone. */
export const title: MessageKey = 'feature_video_filter_picker';

export function start({ session }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const picker = document.querySelector<HTMLSelectElement>('#filter-select')!;
  if (!canFilterVideo()) {
    document.querySelector<HTMLElement>('#filter-picker')!.hidden = true;
    return;
  }
  picker.replaceChildren(
    ...Object.keys(VIDEO_FILTERS).map(
      (value) => new Option(t(FILTER_NAME[value as VideoFilter]), value),
    ),
  );
  picker.value = media.videoFilter;
  picker.addEventListener(
    'change',
    () => {
      if (isVideoFilter(picker.value)) media.setVideoFilter(picker.value);
    },
    { signal },
  );
}
