import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/server/config.js';
import { createSignallingServer } from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { selfSignedCertificate } from '../../support/self-signed-certificate.js';

describe('the signalling server over HTTPS/WSS', () => {
  it('serves HTTPS and socket.io over WSS when given a certificate and key', async () => {
    const { certFile, keyFile } = selfSignedCertificate();
    const ca = readFileSync(certFile);
    const server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0, tlsCertFile: certFile, tlsKeyFile: keyFile },
      createServerLogger('silent'),
    );
    const { port } = await server.listen();
    expect(server.scheme).toBe('https');
    const health = await new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/healthz', ca }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(body));
      }).on('error', reject);
    });
    expect(JSON.parse(health)).toMatchObject({ ok: true });
    const socket = io(`https://127.0.0.1:${port}`, {
      transports: ['websocket'],
      ca: ca.toString(),
      forceNew: true,
    });
    const reply = (await socket.timeout(3000).emitWithAck('room:join', {
      v: 1,
      room: 'tls-room',
      name: 'Ana',
      media: { audio: true, video: true },
      instance: 'page-0001',
    })) as {
      ok: boolean;
    };
    expect(reply.ok).toBe(true);
    socket.close();
    await server.close();
  });

  it('refuses half a TLS configuration, and names a file it cannot read', () => {
    expect(() => loadConfig(['--tls-cert', '/x.pem'], {})).toThrow(
      /tlsKeyFile: HTTPS needs both --tls-cert and --tls-key/,
    );
    const config = loadConfig(['--tls-cert', '/no/cert.pem', '--tls-key', '/no/key.pem'], {});
    expect(() => createSignallingServer(config, createServerLogger('silent'))).toThrow(
      /Cannot read the TLS certificate \/no\/cert.pem: ENOENT/,
    );
  });
});
