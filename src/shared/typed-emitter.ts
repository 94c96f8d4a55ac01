type Listener<T> = (payload: T) => void;

/**
 * A minimal typed event emitter. Listeners are removed when the signal passed to `on` aborts,
 * so a component's lifetime is one AbortController.
 */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(
    name: K,
    listener: Listener<Events[K]>,
    options: { signal?: AbortSignal } = {},
  ): void {
    if (options.signal?.aborted) return;
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    options.signal?.addEventListener('abort', () => set.delete(listener), {
      once: true,
    });
  }

  protected emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        // One broken listener must not stop the others or the emitter's caller.
        console.error(`Listener for "${String(name)}" threw`, error);
      }
    }
  }
}
