import { platform } from '../platform/web.js';
import type { Logger } from '../shared/log.js';
import type { MemoryRoom } from '../widget-host/memory-room.js';
import { RoomWidgetStorage } from '../widget-host/room-widget-storage.js';
import { WidgetHost, type RunnableWidget } from '../widget-host/widget-host.js';
import { onSystemThemeChanged, systemTheme } from '../shared/system-theme.js';

/**
 * One simulated person in the playground: a column with their name, Reload and Leave buttons
 * and the widget running in the same host code the call page uses, on the in-memory room.
 *
 * Their id comes from their name, so it is the same after the playground page reloads, as a
 * person's id survives a reload in a call; their widget storage is kept in this tab's session
 * storage under that id, so it survives a reload of the widget, of this person, or of the page.
 */
export function addSimulatedPeer(
  room: MemoryRoom,
  widget: RunnableWidget,
  name: string,
  container: HTMLElement,
  log: Logger,
  left: () => void,
): void {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const lifetime = new AbortController();
  const column = document.createElement('section');
  column.className = 'peer';
  column.setAttribute('aria-label', name);
  const heading = document.createElement('h2');
  const label = document.createElement('span');
  label.textContent = name;
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = `Reload ${name}`;
  const leave = document.createElement('button');
  leave.type = 'button';
  leave.textContent = `${name} leaves`;
  heading.append(label, badge, reload, leave);
  column.append(heading);
  container.append(column);

  const network = room.join({ id, name });
  const host = new WidgetHost({
    widgets: [widget],
    network,
    storage: new RoomWidgetStorage(platform.session, `playground ${id}`),
    theme: systemTheme(),
    language: navigator.language,
    log,
    signal: lifetime.signal,
  });
  onSystemThemeChanged((theme) => host.setTheme(theme), lifetime.signal);
  host.on(
    'badgeChanged',
    ({ count }) => {
      badge.hidden = count === 0;
      badge.textContent = String(count);
    },
    { signal: lifetime.signal },
  );
  column.append(host.start(widget.id, true)!.frame.element);
  // This person alone reloads: a new frame, the same id and storage, the others undisturbed.
  reload.addEventListener('click', () => {
    const running = host.reload(widget);
    if (running) column.append(running.frame.element);
  });
  leave.addEventListener('click', () => {
    room.leave(id);
    lifetime.abort();
    column.remove();
    left();
  });
}
