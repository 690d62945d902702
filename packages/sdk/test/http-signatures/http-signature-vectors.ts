// The shapes of vectors/http-signatures/*.json and what they ask of a face, for the suites.
import { readFileSync } from 'node:fs';

export interface WireRequest {
  method: string;
  target_uri: string;
  headers: Array<[string, string]>;
  body_base64?: string;
}

export interface VectorKey {
  client_id: string;
  private_key_hex: string;
  public_key_hex: string;
}

export interface SignVectors {
  key: VectorKey;
  cases: Array<{
    name: string;
    request: WireRequest;
    options: { created_ms: number; expires_in: number; nonce: string; components?: string[] };
    expected: {
      content_digest?: string;
      signature_base: string;
      signature_input: string;
      signature: string;
    };
  }>;
}

export interface VerifyVectors {
  key: VectorKey;
  now_ms: number;
  max_age: number;
  clock_skew: number;
  cases: Array<{
    name: string;
    request: WireRequest;
    key_status: 'active' | 'inactive' | 'unknown';
    repeat?: number;
    expect: string;
  }>;
}

export interface RfcVector {
  private_key_hex: string;
  public_key_hex: string;
  request: WireRequest;
  label: string;
  components: string[];
  params: { created: number; keyid: string };
  signature_params: string;
  signature_base: string;
  signature_input: string;
  signature: string;
}

export const VECTOR_DIR = new URL('../../../../vectors/http-signatures/', import.meta.url);

export function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, VECTOR_DIR), 'utf8')) as T;
}
