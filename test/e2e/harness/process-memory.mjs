// Shared by the e2e tests and npm run bench (plain JavaScript, so the bench runs it as is).
// The memory a whole browser holds, as the operating system counts it: the proportional set
// size (PSS) of its browser process and of every process under it (renderers, frames, the
// network and audio services). PSS shares each shared page among the processes that map it, so
// the sum is not inflated by shared libraries the way a sum of resident sizes is.
import { readFileSync, readdirSync } from 'node:fs';

function processes() {
  const list = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      list.push({ pid: Number(pid), parent, command });
    } catch {
      // The process ended while the list was read.
    }
  }
  return list;
}

/** The browser process started with this profile folder. */
export function browserProcess(userDataDir) {
  const found = processes().find(
    ({ command }) =>
      command.includes(`--user-data-dir=${userDataDir}`) && !command.includes('--type='),
  );
  if (!found) throw new Error(`no browser runs with the profile ${userDataDir}`);
  return found.pid;
}

function pss(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Bytes held by the browser process and all its descendants, now. */
export function browserMemory(rootPid) {
  const all = processes();
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, parent } of all) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) total += pss(pid);
  return total;
}

/** Samples a browser's memory every `everyMs` until stopped: the first, highest and last. */
export function sampleMemory(rootPid, everyMs = 250) {
  const first = browserMemory(rootPid);
  let peak = first;
  let last = first;
  const timer = setInterval(() => {
    last = browserMemory(rootPid);
    peak = Math.max(peak, last);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      last = browserMemory(rootPid);
      peak = Math.max(peak, last);
      return { first, peak, last };
    },
  };
}
