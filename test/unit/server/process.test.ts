import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

// The built server as an operator runs it (`npm run build:server` comes first in `npm test`).
describe('the server process', () => {
  it('logs JSON lines, answers /healthz and exits cleanly on SIGTERM', async () => {
    const server = spawn(process.execPath, ['build/server/server/main.js', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', () => {
        const line = output.split('\n').find((l) => l.includes('signalling server listening'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      server.once('exit', () => reject(new Error(`server exited early: ${output}`)));
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, rooms: 0, peers: 0 });
    server.kill('SIGTERM');
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(0);
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual([
      'signalling server listening',
      'shutting down',
      'stopped',
    ]);
  });

  it('refuses an invalid configuration with a message that names the field', async () => {
    const server = spawn(process.execPath, ['build/server/server/main.js', '--capacity', '999'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    server.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(errors).toContain('roomCapacity: Too big');
  });
});
