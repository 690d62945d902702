import { Ed25519KeyError } from '../errors/datafold-error.js';
import { base64ToBytes, bytesToBase64 } from '../encoding/base64.js';

/** One decoded PEM block (RFC 7468 §2). */
export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

// Labels that carry a key of another type in a legacy container (RFC 7468 §2, OpenSSL "traditional").
const FOREIGN_LABELS: Readonly<Record<string, string>> = {
  'RSA PRIVATE KEY': 'RSA',
  'RSA PUBLIC KEY': 'RSA',
  'EC PRIVATE KEY': 'EC',
  'DSA PRIVATE KEY': 'DSA',
};

// Labels we cannot read but can say what to do about.
const ADVICE: Readonly<Record<string, string>> = {
  'ENCRYPTED PRIVATE KEY':
    'is an encrypted PKCS#8 key: decrypt it first (openssl pkey -in key.pem -out plain.pem)',
  'OPENSSH PRIVATE KEY':
    'is in OpenSSH format: convert it to PKCS#8 first (ssh-keygen -p -m PKCS8 -f key)',
  CERTIFICATE:
    'is a certificate, not a key: extract its key (openssl x509 -pubkey -noout -in cert.pem)',
};

// Blocks that may accompany a key and carry none (OpenSSL writes EC PARAMETERS before EC keys).
const IGNORED_LABELS = new Set(['EC PARAMETERS']);

function invalid(problem: string): Ed25519KeyError {
  return new Ed25519KeyError('INVALID_KEY_FORMAT', `PEM ${problem}`);
}

/**
 * Wraps DER in PEM (RFC 7468 §2): 64-character base64 lines and a final newline, as OpenSSL writes.
 *
 * @example
 * armorPem('PUBLIC KEY', encodeSpki(publicKey));
 */
export function armorPem(label: string, der: Uint8Array): string {
  const body = bytesToBase64(der);
  let out = `-----BEGIN ${label}-----\n`;
  for (let i = 0; i < body.length; i += 64) out += body.slice(i, i + 64) + '\n';
  return out + `-----END ${label}-----\n`;
}

/**
 * Finds the one key block in PEM text and decodes it. Text around the block is ignored (RFC 7468
 * §2 allows explanatory text); whitespace inside the body is ignored, any other stray character,
 * encryption headers, mismatched labels or a second key are INVALID_KEY_FORMAT. Legacy containers
 * of other key types (RSA PRIVATE KEY, ...) are UNSUPPORTED_KEY_TYPE.
 *
 * @example
 * const { label, der } = unarmorPem(text); // label 'PRIVATE KEY' or 'PUBLIC KEY'
 */
export function unarmorPem(text: unknown): PemBlock {
  if (typeof text !== 'string') throw invalid('data must be a string');
  const blocks: { label: string; body: string }[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, begin, body, end] = match as unknown as [string, string, string, string];
    if (begin !== end) throw invalid(`block starts as "${begin}" but ends as "${end}"`);
    if (!IGNORED_LABELS.has(begin)) blocks.push({ label: begin, body });
  }
  if (blocks.length === 0)
    throw invalid('data has no "-----BEGIN ...-----" / "-----END ...-----" block');
  if (blocks.length > 1)
    throw invalid(`data holds ${blocks.length} keys or certificates; pass exactly one`);
  const { label, body } = blocks[0]!;
  const foreign = FOREIGN_LABELS[label];
  if (foreign !== undefined) {
    throw new Ed25519KeyError(
      'UNSUPPORTED_KEY_TYPE',
      `PEM "${label}" holds a ${foreign} key; only Ed25519 is supported`,
      { found: foreign },
    );
  }
  const advice = ADVICE[label];
  if (advice !== undefined) throw invalid(`"${label}" ${advice}`);
  if (label !== 'PRIVATE KEY' && label !== 'PUBLIC KEY') {
    throw invalid(`label "${label}" is not PRIVATE KEY (PKCS#8) or PUBLIC KEY (SPKI)`);
  }
  // RFC 1421 headers (Proc-Type, DEK-Info) mean legacy OpenSSL encryption.
  if (body.includes(':')) throw invalid('block has headers (legacy encryption); decrypt it first');
  const compact = body.replace(/[ \t\r\n]/g, '');
  return { label, der: base64ToBytes(compact, 'INVALID_KEY_FORMAT', `PEM "${label}" body`) };
}
