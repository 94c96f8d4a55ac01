import type { CallContext } from '../call-context.js';
import {
  BACKGROUNDS,
  canFilterVideo,
  isBackground,
  type Background,
} from '../../session/video-filter.js';
import { t, type MessageKey } from '../../shared/i18n.js';

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
  const media = session.media;
  const picker = document.querySelector<HTMLSelectElement>('#background-select')!;
  if (!canFilterVideo()) {
    document.querySelector<HTMLElement>('#background-picker')!.hidden = true;
    return;
  }
  picker.replaceChildren(
    ...BACKGROUNDS.map((background) => new Option(t(BACKGROUND_NAME[background]), background)),
  );
  picker.value = media.background;
  picker.addEventListener(
    'change',
    () => {
      if (isBackground(picker.value)) media.setBackground(picker.value);
    },
    { signal },
  );
}
