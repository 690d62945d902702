/** Where debug lines go: by default the console (stderr in Node). */
export type DebugSink = (event: string, fields: Record<string, unknown>) => void;

let sink: DebugSink | undefined;
/** Whether enableDebugLogging was called: an explicit call wins over the switches. */
let decided = false;

// Field names whose values are never written, whatever their type (vectors/debug-log/redaction.json,
// the rule the Python SDK follows too).
const SECRET_FIELD = /priv|secret|seed|pass|password|token|ikm|master|plaintext|^d$/i;
const ON = new Set(['1', 'true', 'yes', 'on']);

interface Host {
  process?: { env?: Record<string, string | undefined>; versions?: { node?: string } };
  localStorage?: { getItem(key: string): string | null };
}

/**
 * The switches users flip without touching code: `DATAFOLD_DEBUG=1` in the environment (Node and
 * other runtimes with a process environment), else `localStorage.setItem('datafold-debug',
 * 'true')` in a browser (read when the SDK first logs, so set it and reload the page).
 */
function switchedOn(): boolean {
  const host = globalThis as Host;
  const env = host.process?.env?.DATAFOLD_DEBUG;
  if (env !== undefined) return ON.has(env.trim().toLowerCase());
  // Node's own localStorage is experimental and warns when touched: the environment decides there.
  if (host.process?.versions?.node !== undefined) return false;
  try {
    return ON.has((host.localStorage?.getItem('datafold-debug') ?? '').trim().toLowerCase());
  } catch {
    return false; // storage can be denied (sandboxed frames, some privacy settings)
  }
}

function consoleSink(): DebugSink {
  // In Node the console's debug level is stdout, which belongs to the program's output.
  const node = (globalThis as Host).process?.versions?.node !== undefined;
  return node
    ? (event, fields) => console.error(`[datafold] ${event}`, fields)
    : (event, fields) => console.debug(`[datafold] ${event}`, fields);
}

function currentSink(): DebugSink | undefined {
  if (!decided) {
    decided = true;
    if (switchedOn()) sink = consoleSink();
  }
  return sink;
}

/**
 * Turns debug logging on (or off with `false`); an explicit call overrides the switches
 * (`DATAFOLD_DEBUG=1`, `localStorage['datafold-debug'] = 'true'`). Each line is an event (a key
 * stored, a rotation written, a request sent and answered, ...) and a few fields; secrets never
 * reach the sink: fields with secret-sounding names are replaced by `[redacted]` and byte arrays
 * by their length, whatever their name.
 *
 * @example
 * enableDebugLogging();                                  // to the console
 * enableDebugLogging(true, (event, f) => myLogger.debug({ event, ...f }));
 */
export function enableDebugLogging(enabled = true, customSink?: DebugSink): void {
  decided = true;
  sink = enabled ? (customSink ?? consoleSink()) : undefined;
}

/**
 * True when debug logging is on, by a call or by a switch.
 *
 * @example
 * if (isDebugLoggingEnabled()) console.info('DataFold debug logging is on');
 */
export function isDebugLoggingEnabled(): boolean {
  return currentSink() !== undefined;
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
  const write = currentSink();
  if (write) write(event, redact(fields));
}

/** Forgets an earlier decision so the switches are read again (tests). */
export function resetDebugLogging(): void {
  decided = false;
  sink = undefined;
}
