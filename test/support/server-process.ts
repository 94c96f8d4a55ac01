import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** The built signalling server as an operator runs it, in its own process, so it can be killed. */
export interface ServerProcess {
  url: string;
  /** When it started listening, by its own log (Date.now() milliseconds). */
  listeningAt: number;
  /** Kills it the hard way (SIGKILL): no goodbye to any client, as in a crash. */
  kill(): Promise<void>;
}

export async function startServerProcess(
  port: number,
  args: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['build/server/server/main.js', '--port', String(port), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let output = '';
  const listeningAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start: ${errors}`)),
      10_000,
    );
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.includes('signalling server listening'));
      if (!line) return;
      clearTimeout(timer);
      // Later lines are not needed; the stream is still drained so the server never blocks.
      child.stdout!.off('data', onOutput);
      child.stdout!.resume();
      resolve((JSON.parse(line) as { time: number }).time);
    };
    child.stdout!.on('data', onOutput);
    child.once('exit', () => reject(new Error(`the server exited: ${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    listeningAt,
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
