import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { selfSignedCertificate } from '../../support/self-signed-certificate.js';

/** A throwaway certificate for 127.0.0.1, and the switch that makes Chromium trust it alone. */
export function webAppCertificate() {
  const { certFile, keyFile } = selfSignedCertificate();
  const cert = readFileSync(certFile);
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  return {
    cert,
    key: readFileSync(keyFile),
    trust: `--ignore-certificate-errors-spki-list=${pin}`,
  };
}

export interface WebAppServer extends Server {
  /** The path of every request, in order: what the site learnt, and when. */
  requested: string[];
}

/**
 * A third party's web app on its own https server (test/fixtures/webapp): its page, its script,
 * its icon and the standalone SDK beside them (npm run build:sdk). The same app under
 * /no-cors/ has its scripts served without Access-Control-Allow-Origin, as a misconfigured
 * site would (its page keeps the header, so the call can read which script it names).
 */
export function serveWebApp(
  tls: { cert: Buffer; key: Buffer },
  port: number,
): Promise<WebAppServer> {
  const files: Record<string, [string, string]> = {
    '/index.html': ['test/fixtures/webapp/index.html', 'text/html'],
    '/main.js': ['test/fixtures/webapp/main.js', 'text/javascript'],
    '/tfx-sdk.js': ['build/sdk/tfx-sdk.js', 'text/javascript'],
    '/icon.svg': ['test/fixtures/webapp/icon.svg', 'image/svg+xml'],
  };
  const requested: string[] = [];
  const server = createServer(tls, (request, response) => {
    const path = new URL(request.url ?? '/', 'https://x').pathname;
    requested.push(path);
    const underNoCors = path.startsWith('/no-cors/');
    const file = files[underNoCors ? path.slice('/no-cors'.length) : path];
    const misconfigured = underNoCors && file?.[1] === 'text/javascript';
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    // The frame's origin is opaque, so its module scripts are cross-origin requests.
    response.writeHead(200, {
      'content-type': file[1],
      ...(misconfigured ? {} : { 'access-control-allow-origin': '*' }),
    });
    response.end(readFileSync(file[0]));
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve(Object.assign(server, { requested }))),
  );
}
