import type { CallContext } from '../call-context.js';
import { VIDEO_FILTERS, canFilterVideo, isVideoFilter } from '../../session/video-filter.js';
import type { MessageKey } from '../../shared/i18n.js';

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
    ...Object.entries(VIDEO_FILTERS).map(([value, { label }]) => new Option(label, value)),
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
