// What each built-in widget's frame loads before it can start: its entry script and every
// script that one imports statically, gzipped (as the store compresses and as a disk cache
// holds them), against what it may fetch later by dynamic import (Code's languages).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

const gzipped = (file) => gzipSync(readFileSync(file)).byteLength;

function imports(file, pattern) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(pattern)]
    .map((match) => match[1])
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))
    .map((specifier) => resolve(dirname(file), specifier));
}

function closure(entry) {
  const seen = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of imports(file, STATIC_IMPORT)) visit(next);
    for (const next of imports(file, DYNAMIC_IMPORT)) lazy.add(next);
  };
  visit(entry);
  // Everything reachable from the lazy chunks that the start did not already load.
  const later = new Set();
  const visitLater = (file) => {
    if (seen.has(file) || later.has(file)) return;
    later.add(file);
    for (const next of [...imports(file, STATIC_IMPORT), ...imports(file, DYNAMIC_IMPORT)])
      visitLater(next);
  };
  for (const file of lazy) visitLater(file);
  return { atStart: [...seen], later: [...later] };
}

export function benchWidgetBundles(folder) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
  console.log(
    `\nBuilt-in widgets: scripts a frame loads to start, gzipped (${relative('.', folder)})`,
  );
  console.log(`${'widget'.padEnd(10)} ${'at start'.padStart(10)} ${'later, all'.padStart(10)}`);
  for (const id of readdirSync(join(folder, 'widgets')).sort()) {
    const { atStart, later } = closure(join(folder, 'widgets', id, 'index.js'));
    const sum = (files) => files.reduce((total, file) => total + gzipped(file), 0);
    console.log(`${id.padEnd(10)} ${kib(sum(atStart))} ${kib(sum(later))}`);
  }
}
