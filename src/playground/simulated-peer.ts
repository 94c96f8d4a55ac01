import type { Logger } from '../shared/log.js';
import type { MemoryRoom } from '../widget-host/memory-room.js';
import { RoomWidgetStorage, memoryArea } from '../widget-host/room-widget-storage.js';
import { WidgetHost, type RunnableWidget } from '../widget-host/widget-host.js';
import { onSystemThemeChanged, systemTheme } from '../shared/system-theme.js';

/**
 * One simulated person in the playground: a column with their name, a Leave button and the
 * widget running in the same host code the call page uses, on the in-memory room.
 */
export function addSimulatedPeer(
  room: MemoryRoom,
  widget: RunnableWidget,
  name: string,
  container: HTMLElement,
  log: Logger,
): void {
  const id = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
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
  const leave = document.createElement('button');
  leave.type = 'button';
  leave.textContent = `${name} leaves`;
  heading.append(label, badge, leave);
  column.append(heading);
  container.append(column);

  const network = room.join({ id, name });
  const host = new WidgetHost({
    widgets: [widget],
    network,
    storage: new RoomWidgetStorage(memoryArea(), 'playground'),
    theme: systemTheme(),
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
  leave.addEventListener('click', () => {
    room.leave(id);
    lifetime.abort();
    column.remove();
  });
}
