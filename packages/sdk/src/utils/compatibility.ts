import { getEd25519Backend } from '../signatures/backend-selection.js';
import type { Ed25519BackendName } from '../signatures/backend-types.js';
import { debugLog } from './debug-log.js';

/** What the platform offers, feature by feature. */
export interface BrowserCompatibility {
  /** crypto.subtle: HKDF, PBKDF2, AES-GCM and (where present) Ed25519. */
  webCrypto: boolean;
  /** crypto.getRandomValues: every key and salt. */
  secureRandom: boolean;
  /** TextEncoder/TextDecoder: string messages and passphrases. */
  textEncoding: boolean;
  /** WebAssembly: Argon2id and scrypt. */
  webAssembly: boolean;
  /** IndexedDB: persistent key storage in browsers. */
  indexedDB: boolean;
  /** Web Workers: KDF work off the main thread. */
  workers: boolean;
  /** false only in a browser page that is not a secure context (plain HTTP on a non-local host). */
  secureContext: boolean;
  /** Missing features that the core needs, in words. Empty when compatible. */
  missing: string[];
  /** Missing features that only limit some operations, in words. */
  warnings: string[];
}

/**
 * Reports what the platform offers, without side effects. Core requirements are WebCrypto, a
 * secure random source and text encoding; the rest only limit particular operations.
 *
 * @example
 * const c = checkBrowserCompatibility();
 * if (c.missing.length) showError(`This browser lacks: ${c.missing.join(', ')}`);
 */
export function checkBrowserCompatibility(): BrowserCompatibility {
  const g = globalThis as typeof globalThis & { isSecureContext?: boolean; indexedDB?: unknown };
  const webCrypto = typeof g.crypto?.subtle?.importKey === 'function';
  const secureRandom = typeof g.crypto?.getRandomValues === 'function';
  const textEncoding = typeof g.TextEncoder === 'function' && typeof g.TextDecoder === 'function';
  const webAssembly = typeof g.WebAssembly?.instantiate === 'function';
  const indexedDB = typeof g.indexedDB === 'object' && g.indexedDB !== null;
  const workers = typeof (g as { Worker?: unknown }).Worker === 'function';
  const secureContext = g.isSecureContext !== false;

  const missing: string[] = [];
  const warnings: string[] = [];
  if (!secureContext)
    missing.push('a secure context (serve the page over HTTPS or from localhost)');
  if (!webCrypto) missing.push('WebCrypto (crypto.subtle)');
  if (!secureRandom) missing.push('a secure random source (crypto.getRandomValues)');
  if (!textEncoding) missing.push('TextEncoder/TextDecoder');
  if (!webAssembly) warnings.push('WebAssembly is unavailable: Argon2id and scrypt cannot run');
  if (!indexedDB) warnings.push('IndexedDB is unavailable: keys can be kept in memory only');
  return {
    webCrypto,
    secureRandom,
    textEncoding,
    webAssembly,
    indexedDB,
    workers,
    secureContext,
    missing,
    warnings,
  };
}

/**
 * True when the platform has everything the core needs (see {@link checkBrowserCompatibility}).
 *
 * @example
 * if (!isCompatible()) throw new Error('unsupported browser');
 */
export function isCompatible(): boolean {
  return checkBrowserCompatibility().missing.length === 0;
}

/** The answer of {@link initializeSDK}. */
export interface InitializationResult {
  compatible: boolean;
  /** Everything missing or limited, in words (core requirements first). */
  warnings: string[];
  /** Which Ed25519 implementation signs and verifies here ('node' after a Node entry). */
  ed25519Backend: Ed25519BackendName;
  compatibility: BrowserCompatibility;
}

/**
 * Checks the platform and reports which Ed25519 implementation will be used: the platform's
 * native WebCrypto Ed25519 where present (fast), else the audited pure-JS fallback.
 *
 * @example
 * const { compatible, warnings } = await initializeSDK();
 * if (!compatible) console.warn('Not fully compatible:', warnings);
 */
export async function initializeSDK(): Promise<InitializationResult> {
  const compatibility = checkBrowserCompatibility();
  // Resolving the backend runs a known-answer test (RFC 8032 TEST 1) on the platform's Ed25519.
  const ed25519Backend = await getEd25519Backend();
  const warnings = [
    ...compatibility.missing.map((m) => `missing: ${m}`),
    ...compatibility.warnings,
  ];
  if (ed25519Backend === 'noble') {
    warnings.push(
      'WebCrypto Ed25519 is unavailable: using the slower pure-JavaScript implementation',
    );
  }
  debugLog('sdk.initialized', { ed25519Backend, missing: compatibility.missing.length });
  return {
    compatible: compatibility.missing.length === 0,
    warnings,
    ed25519Backend,
    compatibility,
  };
}
