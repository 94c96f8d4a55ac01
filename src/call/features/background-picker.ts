import type { CallContext } from '../call-context.js';
import type { Background } from '../../session/video-filter.js';
import type { MessageKey } from '../../shared/i18n.js';
import { wireLookPicker } from './look-picker.js';

const BACKGROUND_NAME: Record<Background, MessageKey> = {
  none: 'background_none',
  blur: 'background_blur',
};

/**
 * The Background picker, beside Filter and Face in the camera's menu: what is behind you as it
 * is, or blurred, in what everyone sees, live. Why it cannot run, if so, is said under Face
 * (face-effect-picker.ts), where the camera menu's one note is.
 */
export const title: MessageKey = 'feature_background_picker';

export function start({ session }: CallContext, signal: AbortSignal): void {
  wireLookPicker({
    label: '#background-picker',
    select: '#background-select',
    names: BACKGROUND_NAME,
    current: session.media.background,
    choose: (background) => session.media.setBackground(background),
    signal,
  });
}
