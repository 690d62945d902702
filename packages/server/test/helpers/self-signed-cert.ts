import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Writes a one-day self-signed certificate for 127.0.0.1 (P-256, from the openssl command line)
 * into `dir` as cert.pem and key.pem, and returns their paths, for the HTTPS suites.
 *
 * @example
 * const { cert, key } = writeSelfSignedCert(dir);
 */
export function writeSelfSignedCert(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
