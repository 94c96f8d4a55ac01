/** The browser process started with this profile folder. */
export function browserProcess(userDataDir: string): number;
/** Bytes held by the browser process and all its descendants (PSS), now. */
export function browserMemory(rootPid: number): number;
export interface MemorySamples {
  first: number;
  peak: number;
  last: number;
}
/** Samples a browser's memory every `everyMs` until stopped: the first, highest and last. */
export function sampleMemory(rootPid: number, everyMs?: number): { stop(): MemorySamples };
