import type { FastifyInstance } from 'fastify';
import type { VerifyInput } from '../../domain/verification-service.js';
import { checkedBody } from '../schema-refusal.js';
import { responses, verifyBody, verifyData } from '../schemas.js';

/**
 * POST /api/crypto/signatures/verify (WIRE-PROTOCOL.md). A 200 always says `verified: true`;
 * a signature that fails is the 401 error.
 *
 * @example
 * await app.register(verifyRoute);
 */
export async function verifyRoute(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  app.post<{ Body: VerifyInput }>(
    '/api/crypto/signatures/verify',
    {
      schema: {
        tags: ['signatures'],
        summary: "Verify a signature with a client's registered key",
        body: verifyBody,
        response: responses(200, verifyData, [400, 401, 403, 404, 413, 429, 500]),
      },
      attachValidation: true,
    },
    async (request) => {
      const { body, refusal } = checkedBody<VerifyInput>(request);
      return { success: true, data: await ctx.verificationService.verify(body, refusal) };
    },
  );
}
