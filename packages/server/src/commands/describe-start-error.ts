import { isDataFoldError } from '@datafold/js-sdk';
import type { ServerConfig } from '../config/server-config.js';

/** `postgres://user:secret@host` → `postgres://user:***@host`, wherever a URL appears in text. */
function maskUrlPasswords(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]*@/g, '$1***@');
}

/** The messages of an error and its causes, outermost first, without repeats. */
function messages(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    const message = isDataFoldError(e)
      ? `${e.code}: ${e.message}`
      : e instanceof Error
        ? e.message
        : JSON.stringify(e);
    if (message && !out.some((m) => m.includes(message))) out.push(message);
    // AggregateError (a refused connection tried on ::1 and 127.0.0.1) keeps its parts here.
    const parts = (e as { errors?: unknown[] }).errors;
    e = (e as { cause?: unknown }).cause ?? (Array.isArray(parts) ? parts[0] : undefined);
  }
  return out;
}

/**
 * The one line `datafold-server` prints when it cannot start or a command fails: the code first
 * for registry errors, the causes after the outer message (a database error's own words: refused
 * port, unknown database, wrong password), a hint for a port in use, and never a password.
 *
 * @example
 * describeStartError(error, config); // "port 9001 on 127.0.0.1 is in use (EADDRINUSE): pass --port …"
 */
export function describeStartError(
  error: unknown,
  config?: Pick<ServerConfig, 'host' | 'port' | 'databaseUrl'>,
): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE' && config) {
    return `port ${config.port} on ${config.host} is in use (EADDRINUSE): stop what listens there or pass --port (DATAFOLD_PORT) to choose another`;
  }
  if (code === 'EACCES' && config && (error as { syscall?: unknown }).syscall === 'listen') {
    return `not allowed to listen on port ${config.port} (EACCES): ports below 1024 need privileges; pass --port`;
  }
  let text = messages(error).join(': ');
  for (const password of passwordForms(config?.databaseUrl))
    text = text.split(password).join('***');
  return maskUrlPasswords(text);
}

/** The password of a database URL as written and as decoded, to be kept out of messages. */
function passwordForms(databaseUrl: string | null | undefined): string[] {
  try {
    const encoded = databaseUrl ? new URL(databaseUrl).password : '';
    return encoded ? [...new Set([encoded, decodeURIComponent(encoded)])] : [];
  } catch {
    return [];
  }
}
