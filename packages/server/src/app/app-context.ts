import type { ChangeFeed } from '../cache/change-feed.js';
import type { VerifyLookupCache } from '../cache/verify-lookup-cache.js';
import type { ServerConfig } from '../config/server-config.js';
import type { DatabaseHealth } from '../db/database-health.js';
import type { OpenDatabase } from '../db/open-database.js';
import type { WriteBatcher } from '../db/write-batcher.js';
import type { KeyLifecycleService } from '../domain/key-lifecycle-service.js';
import type { LastUsedBuffer } from '../domain/last-used-buffer.js';
import type { RegistrationService } from '../domain/registration-service.js';
import type { VerificationService } from '../domain/verification-service.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type { NonceRepository } from '../repositories/nonce-repository.js';
import type {
  RegistrationRepository,
  VerifyLookup,
} from '../repositories/registration-repository.js';
import type { TokenRepository } from '../repositories/token-repository.js';

/**
 * Everything the routes use, built once by `buildApp`. Routes stay thin: they parse, call a
 * service, and shape the reply.
 */
export interface AppContext {
  config: ServerConfig;
  database: OpenDatabase;
  batcher: WriteBatcher;
  registrations: RegistrationRepository;
  audit: AuditRepository;
  nonces: NonceRepository;
  tokens: TokenRepository;
  lastUsed: LastUsedBuffer;
  registrationService: RegistrationService;
  verificationService: VerificationService;
  lifecycle: KeyLifecycleService;
  ipLimiter: RateLimiter;
  clientLimiter: RateLimiter;
  metrics: ServerMetrics;
  /** Whether the database answers, as the requests found it. */
  health: DatabaseHealth;
  /** How this instance hears of other instances' writes. */
  feed: ChangeFeed;
  cache: VerifyLookupCache<VerifyLookup>;
  version: string;
  startedAt: number;
}
