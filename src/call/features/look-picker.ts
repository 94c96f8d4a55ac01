import { canFilterVideo } from '../../session/video-filter.js';
import { t, type MessageKey } from '../../shared/i18n.js';

/**
 * One of the camera menu's pickers (Filter, Face, Background): its choices named in the
 * reader's language, the current one selected, and a change applied live. Where the browser
 * cannot change video frames at all, the picker is hidden and false is returned.
 */
export function wireLookPicker<Choice extends string>(picker: {
  label: string;
  select: string;
  names: Record<Choice, MessageKey>;
  current: Choice;
  choose: (choice: Choice) => void;
  signal: AbortSignal;
}): boolean {
  if (!canFilterVideo()) {
    document.querySelector<HTMLElement>(picker.label)!.hidden = true;
    return false;
  }
  const select = document.querySelector<HTMLSelectElement>(picker.select)!;
  const choices = Object.keys(picker.names) as Choice[];
  select.replaceChildren(...choices.map((choice) => new Option(t(picker.names[choice]), choice)));
  select.value = picker.current;
  select.addEventListener(
    'change',
    () => {
      const chosen = choices.find((choice) => choice === select.value);
      if (chosen) picker.choose(chosen);
    },
    { signal: picker.signal },
  );
  return true;
}
