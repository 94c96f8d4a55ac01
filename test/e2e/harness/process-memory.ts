import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: string;
  parent: string;
  command: string;
  residentKib: number;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      found.push({
        pid,
        parent: /PPid:\s+(\d+)/.exec(status)?.[1] ?? '',
        command: readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
        residentKib: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found;
}

/**
 * The resident memory of the Chromium that runs `profile` and every process under it
 * (renderers, GPU, utilities), in MiB, read from /proc. Shared pages count once per process,
 * so this overstates the total: it is for watching growth, not an absolute figure.
 */
export function profileResidentMib(profile: string): number {
  const all = processes();
  const tree = new Set(
    all
      .filter((info) => info.command.includes(`--user-data-dir=${profile}`))
      .map((info) => info.pid),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const info of all)
      if (!tree.has(info.pid) && tree.has(info.parent)) grew = Boolean(tree.add(info.pid));
  }
  return (
    all.filter((info) => tree.has(info.pid)).reduce((sum, info) => sum + info.residentKib, 0) / 1024
  );
}
