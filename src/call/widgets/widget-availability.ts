/**
 * Which widgets run at each peer, as they say: the widgets they open, list to a newcomer, or
 * report whenever theirs change. What a widget's `peers()` tells it (`hasWidget`); nothing is
 * allowed or refused by it, so a peer that misreports only misleads widgets about itself.
 * Also who opened each widget in this call: the first opener this person heard of (themself,
 * or the sender of widget:opened); someone who joined later takes the word of whoever listed it.
 */
export class WidgetAvailability {
  private readonly running = new Map<string, Set<string>>();
  private readonly openers = new Map<string, string>();

  /** The first this person hears of who opened a widget is kept for the call. */
  noteOpener(widgetId: string, peerId: string): void {
    if (!this.openers.has(widgetId)) this.openers.set(widgetId, peerId);
  }

  openedBy(widgetId: string): string | undefined {
    return this.openers.get(widgetId);
  }

  constructor(private readonly changed: () => void) {}

  /** The peer opened this widget, so it runs there. */
  opened(peerId: string, widgetId: string): void {
    const widgets = this.running.get(peerId) ?? new Set();
    if (widgets.has(widgetId)) return;
    widgets.add(widgetId);
    this.running.set(peerId, widgets);
    this.changed();
  }

  /** The peer said which widgets run there now: all of them, and no others. */
  runningAt(peerId: string, widgetIds: readonly string[]): void {
    const before = this.running.get(peerId);
    const after = new Set(widgetIds);
    if (before?.size === after.size && [...after].every((id) => before.has(id))) return;
    this.running.set(peerId, after);
    this.changed();
  }

  left(peerId: string): void {
    if (this.running.delete(peerId)) this.changed();
  }

  runs(peerId: string, widgetId: string): boolean {
    return this.running.get(peerId)?.has(widgetId) ?? false;
  }
}
