import type { ServerConfig } from '../config/server-config.js';
import type { OpenDatabase } from '../db/open-database.js';
import type { AdminReads } from '../domain/admin-reads.js';
import type { KeyLifecycleService } from '../domain/key-lifecycle-service.js';
import type { RegistrationService } from '../domain/registration-service.js';
import type { VerificationService } from '../domain/verification-service.js';
import type { RequestLimits } from '../http/request-limits.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { ServerReplayStore } from '../replay/server-replay-store.js';
import type { SignedRequestVerifier } from '../signed-requests/signed-request-verifier.js';
import type { StorageLayer } from './storage-layer.js';

/**
 * Everything the routes use, built once by `buildApp`: the storage layer (repositories, the
 * change feed and cache, database health) and the services over it. Routes stay thin: they
 * parse, call a service, and shape the reply.
 */
export interface AppContext extends StorageLayer {
  config: ServerConfig;
  database: OpenDatabase;
  registrationService: RegistrationService;
  verificationService: VerificationService;
  lifecycle: KeyLifecycleService;
  adminReads: AdminReads;
  limits: RequestLimits;
  /** Nonces of signed requests, shared by every instance (Redis, else the database). */
  replayStore: ServerReplayStore;
  /** Checks RFC 9421 signed requests (spec/http-message-signatures-v1.md §3). */
  signedRequests: SignedRequestVerifier;
  metrics: ServerMetrics;
  version: string;
  startedAt: number;
}
