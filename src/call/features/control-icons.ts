import {
  ChevronUp,
  Circle,
  CircleStop,
  Copy,
  Ellipsis,
  Hand,
  Keyboard,
  LayoutGrid,
  Lock,
  LockOpen,
  Mic,
  MicOff,
  MonitorUp,
  MonitorX,
  PhoneOff,
  SmilePlus,
  Video,
  VideoOff,
  X,
  createElement,
  type IconNode,
} from 'lucide';

/** The control bar's icons, from Lucide (a maintained set), by the names the page uses. */
const ICONS: Record<string, IconNode> = {
  'chevron-up': ChevronUp,
  circle: Circle,
  'circle-stop': CircleStop,
  copy: Copy,
  ellipsis: Ellipsis,
  hand: Hand,
  keyboard: Keyboard,
  'layout-grid': LayoutGrid,
  lock: Lock,
  'lock-open': LockOpen,
  mic: Mic,
  'mic-off': MicOff,
  'monitor-up': MonitorUp,
  'monitor-x': MonitorX,
  'phone-off': PhoneOff,
  'smile-plus': SmilePlus,
  video: Video,
  'video-off': VideoOff,
  x: X,
};

/** Puts `icon` first in the button (replacing its old one). Icons are decoration: names say it. */
export function setIcon(button: HTMLElement, icon: string): void {
  const node = ICONS[icon];
  if (!node) return;
  const svg = createElement(node, { 'aria-hidden': 'true', width: 20, height: 20 });
  const old = button.querySelector(':scope > svg');
  if (old) old.replaceWith(svg);
  else button.prepend(svg);
  button.dataset.icon = icon;
}

/**
 * What a control says: its accessible `name` and, when shorter, the visible `label` (a part of
 * the name, so what a person reads is what a voice user says). Toggles that change their name
 * say their state that way and never also set "pressed".
 */
export function showControl(
  button: HTMLButtonElement,
  { name, label = name, icon }: { name: string; label?: string; icon?: string },
): void {
  // The visible words: a `.label` span in the bar, the button's own text in a menu.
  const text = button.querySelector<HTMLElement>('.label');
  if (text) text.textContent = label;
  else button.replaceChildren(...[...button.querySelectorAll(':scope > svg')], label);
  if (label === name) button.removeAttribute('aria-label');
  else button.setAttribute('aria-label', name);
  if (icon) setIcon(button, icon);
}
