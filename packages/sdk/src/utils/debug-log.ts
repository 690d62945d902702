/** Where debug lines go: by default `console.debug`. */
export type DebugSink = (event: string, fields: Record<string, unknown>) => void;

let sink: DebugSink | undefined;

// Field names whose values are never written, whatever their type.
const SECRET_FIELD = /priv|secret|seed|pass|password|token|ikm|master|plaintext|^d$/i;

/**
 * Turns debug logging on (or off with `false`). Lines carry an event name and a few fields;
 * secrets never reach the sink: fields with secret-sounding names are replaced by `[redacted]`
 * and byte arrays by their length, whatever their name.
 *
 * @example
 * enableDebugLogging();                                  // to console.debug
 * enableDebugLogging(true, (event, f) => myLogger.debug({ event, ...f }));
 */
export function enableDebugLogging(enabled = true, customSink?: DebugSink): void {
  sink = enabled
    ? (customSink ?? ((event, fields) => console.debug(`[datafold] ${event}`, fields)))
    : undefined;
}

/** True when debug logging is on. */
export function isDebugLoggingEnabled(): boolean {
  return sink !== undefined;
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(name)) out[name] = '[redacted]';
    else if (value instanceof Uint8Array) out[name] = `<${value.length} bytes>`;
    else if (typeof value === 'string' && value.length > 200)
      out[name] = `<${value.length} characters>`;
    else out[name] = value;
  }
  return out;
}

/** Writes one debug line when logging is on. Internal: call sites pass only non-secret fields. */
export function debugLog(event: string, fields: Record<string, unknown> = {}): void {
  if (sink) sink(event, redact(fields));
}
