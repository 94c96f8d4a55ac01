import type { WidgetEntry } from '../protocol/widget-manifest.js';

/** What the playground tells an author about where to edit the widget it runs. */
export function playgroundHint(entry: WidgetEntry): string {
  switch (entry.page.kind) {
    case 'packaged': {
      const folder = entry.page.path.slice(0, entry.page.path.lastIndexOf('/') + 1);
      return `${entry.title}: edit ${folder} and save — each peer's frame reloads.`;
    }
    case 'web':
      return `${entry.title} runs from ${new URL(entry.page.url).origin}: change it there, then press a peer's Reload.`;
  }
}
