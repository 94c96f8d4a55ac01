import type { CallContext } from '../call-context.js';
import type { VideoFilter } from '../../session/video-filter.js';
import type { MessageKey } from '../../shared/i18n.js';
import { wireLookPicker } from './look-picker.js';

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
  wireLookPicker({
    label: '#filter-picker',
    select: '#filter-select',
    names: FILTER_NAME,
    current: session.media.videoFilter,
    choose: (filter) => session.media.setVideoFilter(filter),
    signal,
  });
}
