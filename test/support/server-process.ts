import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** The built signalling server as an operator runs it, in its own process, so it can be killed. */
export interface ServerProcess {
  url: string;
  /** Kills it the hard way (SIGKILL): no goodbye to any client, as in a crash. */
  kill(): Promise<void>;
}

export async function startServerProcess(
  port: number,
  args: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['build/server/server/main.js', '--port', String(port), '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${errors}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the server did not start: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    kill: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Rooms and peers the server holds now, from its /healthz. */
export async function serverCounts(url: string): Promise<{ rooms: number; peers: number }> {
  return (await (await fetch(`${url}/healthz`)).json()) as { rooms: number; peers: number };
}
