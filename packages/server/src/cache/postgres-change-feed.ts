import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import { destroySocket } from '../db/postgres-pool.js';
import type { Database } from '../db/schema.js';
import type { ChangeFeed, ChangeFeedState, ChangeKind, ChangeListener } from './change-feed.js';

/** The channel every instance publishes client changes on and listens to. */
export const CHANGE_CHANNEL = 'datafold_changes';
/**
 * The channel of `last_used` changes only. A channel of its own, so an instance that does not
 * know it (an older version during a rolling upgrade) neither hears it nor mistakes it for a
 * registration change. Notifications of all channels reach a listener in one commit order, so
 * the heartbeat's staleness bound covers this channel too.
 */
export const LAST_USED_CHANNEL = 'datafold_last_used';
const CHANNELS: Record<ChangeKind, string> = {
  registrations: CHANGE_CHANNEL,
  last_used: LAST_USED_CHANNEL,
};

/**
 * The feed's timing. The promise it keeps (server README, "Consistency"): a change acknowledged
 * by any instance is in effect on every instance within `stalenessBoundMs`, because an instance
 * serves from its caches only while a heartbeat it sent at most that long ago has come back.
 */
export const CHANGE_FEED_TIMING = {
  /** How often the listening connection sends itself a heartbeat notification. */
  heartbeatMs: 100,
  /** Caches are used only while a heartbeat sent within this has come back. */
  stalenessBoundMs: 500,
  /** A heartbeat unanswered this long means the connection is dead: replace it. */
  silentAfterMs: 3_000,
  /** Reconnect attempts back off from 100 ms up to this. */
  maxReconnectDelayMs: 2_000,
} as const;

/** NOTIFY payloads must stay under 8000 bytes (postgresql.org/docs/current/sql-notify.html). */
const MAX_PAYLOAD_BYTES = 7_000;

/** Client ids as JSON arrays, each array small enough for one notification. */
export function changePayloads(clientIds: readonly string[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = 2;
  for (const id of clientIds) {
    const size = Buffer.byteLength(JSON.stringify(id)) + 1;
    if (batch.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(JSON.stringify(batch));
      batch = [];
      bytes = 2;
    }
    batch.push(id);
    bytes += size;
  }
  if (batch.length > 0) payloads.push(JSON.stringify(batch));
  return payloads;
}

/** Parses a change payload; null when it is not an array of strings (then: reset everything). */
function parsePayload(payload: string | undefined): string[] | null {
  try {
    const ids = JSON.parse(payload ?? '') as unknown;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null;
  } catch {
    return null;
  }
}

/** What the feed reports about itself, for logs and metrics. */
export interface ChangeFeedReporter {
  up(): void;
  down(error: unknown): void;
}

/**
 * The change feed of instances sharing one PostgreSQL: LISTEN/NOTIFY on a dedicated connection.
 *
 * Why the staleness bound holds: notifications reach a listener in commit order. The listening
 * connection NOTIFYs itself (a channel of its own) every `heartbeatMs`; when that heartbeat comes
 * back, every notification committed before it was sent has been handled. So a change committed
 * (hence acknowledged) before the newest returned heartbeat's send time is already applied, and
 * `usable()` is true only while that send time is within `stalenessBoundMs`. A lost or silent
 * connection clears the caches and keeps them bypassed until the feed is back: slower, never stale.
 *
 * @example
 * const feed = new PostgresChangeFeed(url, reporter);
 * feed.subscribe({ changed: (ids) => cache.invalidate(ids), reset: () => cache.clear() });
 * await feed.start();
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly listeners: ChangeListener[] = [];
  private readonly heartbeatChannel = `datafold_feed_${randomBytes(6).toString('hex')}`;
  private client: pg.Client | null = null;
  private connected = false;
  private closed = false;
  private seq = 0;
  /** Send times of heartbeats not yet returned, by sequence number. */
  private readonly outstanding = new Map<number, number>();
  private confirmedSentAt = Number.NEGATIVE_INFINITY;
  private reconnectDelayMs = 100;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly reporter: ChangeFeedReporter,
    private readonly timing: Readonly<
      Record<keyof typeof CHANGE_FEED_TIMING, number>
    > = CHANGE_FEED_TIMING,
  ) {}

  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  usable(): boolean {
    return (
      this.connected && performance.now() - this.confirmedSentAt <= this.timing.stalenessBoundMs
    );
  }

  state(): ChangeFeedState {
    if (!this.connected) return 'down';
    return this.usable() ? 'live' : 'lagging';
  }

  async publish(
    trx: Transaction<Database>,
    clientIds: readonly string[],
    kind: ChangeKind = 'registrations',
  ): Promise<void> {
    for (const payload of changePayloads(clientIds)) {
      await sql`select pg_notify(${CHANNELS[kind]}, ${payload})`.execute(trx);
    }
  }

  start(): Promise<void> {
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.timing.heartbeatMs);
    this.heartbeatTimer.unref();
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'datafold-feed',
      connectionTimeoutMillis: 3_000,
      keepAlive: true,
    });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('change feed connection ended')));
    client.on('notification', (message) => this.receive(message));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      await client.query(`LISTEN ${LAST_USED_CHANNEL}`);
      await client.query(`LISTEN ${this.heartbeatChannel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return; // lost meanwhile
    // Whatever changed while we were not listening was missed.
    for (const listener of this.listeners) listener.reset();
    this.outstanding.clear();
    this.confirmedSentAt = Number.NEGATIVE_INFINITY;
    this.connected = true;
    this.reconnectDelayMs = 100;
    this.reporter.up();
    this.heartbeat();
  }

  private receive(message: pg.Notification): void {
    if (message.channel === this.heartbeatChannel) {
      const seq = Number(message.payload);
      const sentAt = this.outstanding.get(seq);
      if (sentAt !== undefined) {
        this.confirmedSentAt = Math.max(this.confirmedSentAt, sentAt);
        for (const pending of this.outstanding.keys()) {
          if (pending <= seq) this.outstanding.delete(pending);
        }
      }
      return;
    }
    if (message.channel !== CHANGE_CHANNEL && message.channel !== LAST_USED_CHANNEL) return;
    const ids = parsePayload(message.payload);
    for (const listener of this.listeners) {
      if (!ids) listener.reset();
      else if (message.channel === CHANGE_CHANNEL) listener.changed(ids);
      else listener.lastUsedChanged(ids);
    }
  }

  private heartbeat(): void {
    const client = this.client;
    if (!this.connected || !client) return;
    const now = performance.now();
    const oldest = this.outstanding.values().next().value;
    if (oldest !== undefined) {
      // One heartbeat in flight at a time; one that never returns means a dead connection.
      if (now - oldest > this.timing.silentAfterMs) {
        this.lost(client, new Error(`change feed silent for ${Math.round(now - oldest)} ms`));
      }
      return;
    }
    const seq = ++this.seq;
    this.outstanding.set(seq, now);
    client
      .query('select pg_notify($1, $2)', [this.heartbeatChannel, String(seq)])
      .catch((error: unknown) => this.lost(client, error));
  }

  /** The connection failed: bypass and clear the caches, then reconnect with backoff. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return; // an older connection's late event
    this.client = null;
    const wasConnected = this.connected;
    this.connected = false;
    this.outstanding.clear();
    for (const listener of this.listeners) listener.reset();
    destroySocket(client);
    client.end().catch(() => undefined);
    if (wasConnected || this.reconnectDelayMs === 100) this.reporter.down(error);
    if (this.closed) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(delay * 2, this.timing.maxReconnectDelayMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
