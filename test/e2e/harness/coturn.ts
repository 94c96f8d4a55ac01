import { spawn, type ChildProcess } from 'node:child_process';

export interface Coturn {
  url: string;
  secret: string;
  stop(): Promise<void>;
}

/**
 * Debian's coturn on loopback with `use-auth-secret` (the TURN REST API), as an operator would
 * run it for TFX Sessions: credentials are HMACs of "<expiry>:<user>" with the shared secret.
 */
export async function startCoturn(port: number, secret: string): Promise<Coturn> {
  const child: ChildProcess = spawn(
    '/usr/bin/turnserver',
    [
      '-n', // no config file: everything is on this command line
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--min-port=49160',
      '--max-port=49400',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=tfx.test',
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      // Every peer in the test is on loopback; coturn refuses to relay to it unless told.
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`coturn did not start:\n${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // coturn logs its listeners once they are open.
      if (/IO method \(auth thread\)/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`coturn exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
