import { X509Certificate, createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A certificate authority made for one test run, and a server certificate it signs for
 * 127.0.0.1, by the system's openssl. The server presents the chain (its certificate, then the
 * CA's); `trust` makes Chromium accept chains that hold this CA's key, as if it were installed.
 */
export function testCertificateAuthority(): { certFile: string; keyFile: string; trust: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tfx-ca-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-subj',
    '/CN=TFX Sessions test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  );
  const ca = readFileSync(file('ca.pem'));
  writeFileSync(file('chain.pem'), Buffer.concat([readFileSync(file('server.pem')), ca]));
  const spki = new X509Certificate(ca).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  return {
    certFile: file('chain.pem'),
    keyFile: file('server.key'),
    trust: `--ignore-certificate-errors-spki-list=${pin}`,
  };
}
