import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminRouteConfig } from '../../app/fastify-types.js';
import type { LifecycleAuthority, LifecycleInput } from '../../domain/key-lifecycle-service.js';
import type { RegisterInput } from '../../domain/registration-service.js';
import { checkedBody } from '../schema-refusal.js';
import {
  clientIdParams,
  registerBody,
  registrationData,
  responses,
  revocationData,
  revokeBody,
  rotateBody,
  rotationData,
  statusData,
} from '../schemas.js';

/**
 * Registration, status (WIRE-PROTOCOL.md), and our revocation and rotation extensions. Revoke and
 * rotate are authorised by a signed statement, or by an admin token when the request carries
 * `Authorization: Bearer`.
 *
 * @example
 * await app.register(keyRoutes);
 */
export async function keyRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  app.post<{ Body: RegisterInput }>(
    '/api/crypto/keys/register',
    {
      schema: {
        tags: ['keys'],
        summary: 'Register a public key for a client',
        body: registerBody,
        response: responses(201, registrationData, [400, 401, 409, 413, 429, 500]),
      },
      attachValidation: true,
    },
    async (request, reply) => {
      const { body, refusal } = checkedBody<RegisterInput>(request);
      const data = await ctx.registrationService.register(body, request.ip, refusal);
      return reply.code(201).send({ success: true, data });
    },
  );

  app.get<{ Params: { client_id: string } }>(
    '/api/crypto/keys/status/:client_id',
    {
      schema: {
        tags: ['keys'],
        summary: "A client's current registration and when its key was last used",
        params: clientIdParams,
        response: responses(200, statusData, [400, 404, 429, 500]),
      },
    },
    async (request) => ({
      success: true,
      data: await ctx.registrationService.status(request.params.client_id),
    }),
  );

  /** A statement signed by the key, or an admin token when the request carries one. */
  const statementOrAdmin: AdminRouteConfig = { roles: ['admin'], optional: true };
  const authority = (request: FastifyRequest): LifecycleAuthority =>
    request.admin
      ? { kind: 'admin', tokenId: request.admin.tokenId }
      : request.signedBy
        ? { kind: 'statement', ip: request.ip, requestSignedBy: request.signedBy.clientId }
        : { kind: 'statement', ip: request.ip };

  app.post<{ Body: LifecycleInput }>(
    '/api/crypto/keys/revoke',
    {
      schema: {
        tags: ['keys'],
        summary: "Revoke a client's active key (signed statement, or admin token)",
        body: revokeBody,
        response: responses(200, revocationData, [400, 401, 403, 404, 409, 413, 429, 500]),
      },
      attachValidation: true,
      config: { admin: statementOrAdmin },
    },
    async (request) => {
      const { body, refusal } = checkedBody<LifecycleInput>(request);
      return {
        success: true,
        data: await ctx.lifecycle.revoke(body, authority(request), refusal),
      };
    },
  );

  app.post<{ Body: LifecycleInput }>(
    '/api/crypto/keys/rotate',
    {
      schema: {
        tags: ['keys'],
        summary: 'Move a client to a new key (signed statement, or admin token)',
        body: rotateBody,
        response: responses(200, rotationData, [400, 401, 403, 404, 409, 413, 429, 500]),
      },
      attachValidation: true,
      config: { admin: statementOrAdmin },
    },
    async (request) => {
      const { body, refusal } = checkedBody<LifecycleInput>(request);
      return {
        success: true,
        data: await ctx.lifecycle.rotate(body, authority(request), refusal),
      };
    },
  );
}
