import { describe, expect, it } from 'vitest';
import { WidgetAvailability } from '../../../src/call/widgets/widget-availability.js';

describe('which widgets run at each peer', () => {
  it('follows what peers open, list and report, and forgets a peer who leaves', () => {
    let changes = 0;
    const availability = new WidgetAvailability(() => changes++);
    expect(availability.runs('bea', 'chat')).toBe(false);
    availability.opened('bea', 'chat');
    availability.opened('bea', 'chat'); // already known: no change
    expect(availability.runs('bea', 'chat')).toBe(true);
    availability.runningAt('cal', ['chat', 'draw']);
    availability.runningAt('cal', ['draw', 'chat']); // the same set
    expect(changes).toBe(2);
    // Cal's Chat was unloaded: his report has only Draw now.
    availability.runningAt('cal', ['draw']);
    expect(availability.runs('cal', 'chat')).toBe(false);
    expect(availability.runs('cal', 'draw')).toBe(true);
    availability.left('bea');
    availability.left('bea');
    expect(availability.runs('bea', 'chat')).toBe(false);
    expect(changes).toBe(4);
  });
});
