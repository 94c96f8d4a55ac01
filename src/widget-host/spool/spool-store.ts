/**
 * Where a widget's spool keeps its bytes until it is finished: a file on disk where the page
 * can make one (opfs-spool-store.ts), or memory (memory-spool-store.ts). A spool lets a widget
 * that receives something large, such as a file from a peer, hand it over piece by piece
 * instead of holding it all in the browser's memory until it is saved.
 */
export interface SpoolStore {
  create(): Promise<SpoolFile>;
}

export interface SpoolFile {
  /** Appends bytes; writes resolve in the order they were made. */
  write(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Closes the spool for writing and gives back its bytes as one File, read from the store. */
  finish(name: string, type: string): Promise<File>;
  /** Frees what the spool holds; the File it gave, if any, can no longer be read. */
  remove(): Promise<void>;
}
