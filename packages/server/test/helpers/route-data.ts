// The `data` of each route's success envelope, for `server.json<T>()` and `fetchJson<T>()`: the
// server's own view types where it has them, and the shape of the route's response schema where
// the route builds its answer inline (src/http/routes/*). A type here is what the test expects to
// read, not a check: the response schemas and the assertions are the checks.
import type { AdminReads } from '../../src/domain/admin-reads.js';
import type { AdminRole } from '../../src/domain/admin-tokens.js';

export type { Page } from '../../src/domain/admin-views.js';
export type { RegistrationView, StatusView } from '../../src/domain/registration-view.js';
export type { VerifyView } from '../../src/domain/verification-service.js';
export type { RevocationView, RotationView } from '../../src/domain/key-lifecycle-service.js';
export type {
  CreatedToken,
  TokenRevocation,
  TokenView,
} from '../../src/domain/admin-token-service.js';

/** GET /api/admin/registrations: a page of registrations with every column. */
export type RegistrationPage = Awaited<ReturnType<AdminReads['registrations']>>;

/** GET /api/admin/audit and /api/admin/audit/recent: a page of audit entries. */
export type AuditPage = Awaited<ReturnType<AdminReads['auditOldestFirst']>>;

/** GET /api/admin/clients/{client_id}: one client's registrations, oldest first. */
export type ClientHistory = Awaited<ReturnType<AdminReads['clientHistory']>>;

/** GET /api/admin/audit/chain. */
export type ChainState = Awaited<ReturnType<AdminReads['chainState']>>;

/** GET /api/admin/session (sessionData in admin-dashboard-routes.ts). */
export interface SessionView {
  role: AdminRole;
  token_id: string;
}

/** GET /api/health (service-routes.ts). */
export interface HealthView {
  status: string;
  database: { status: string; dialect: string };
  change_feed: { state: string };
  verify_cache: { state: string; entries: number };
  registration: { proof_required: boolean };
  warnings: string[];
}

/** GET /api/system/status: not enveloped, as existing clients expect (service-routes.ts). */
export interface SystemStatus {
  status: string;
  uptime: number;
  version: string;
}
