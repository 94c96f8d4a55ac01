/**
 * The built-in widgets' names in the reader's language, as the dock, the tabs and the notes
 * show them. A widget someone added keeps the name its author gave it.
 */
import { t, type MessageKey } from '../../shared/i18n.js';

const BUILT_IN_TITLES: Readonly<Record<string, MessageKey>> = {
  chat: 'widget_title_chat',
  code: 'widget_title_code',
  draw: 'widget_title_draw',
  files: 'widget_title_files',
  stats: 'widget_title_stats',
  pong: 'widget_title_pong',
};

export function withLocalTitle<Entry extends { id: string; title: string }>(entry: Entry): Entry {
  const key = Object.hasOwn(BUILT_IN_TITLES, entry.id) ? BUILT_IN_TITLES[entry.id] : undefined;
  return key ? { ...entry, title: t(key) } : entry;
}
