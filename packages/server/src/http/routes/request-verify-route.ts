import { DataFoldError, ValidationError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';
import { requestVerifyBody, requestVerifyData, responses } from '../schemas.js';

/** The body of POST /api/crypto/requests/verify (spec/http-message-signatures-v1.md §5). */
export interface RequestVerifyInput {
  method: string;
  target_uri: string;
  headers: Record<string, string>;
  body?: string | null;
}

/**
 * POST /api/crypto/requests/verify: an application that cannot run the middleware forwards a
 * signed request (method, target URI, header fields, content as base64) and gets the verdict of
 * spec/http-message-signatures-v1.md §3 — 200 with the verified signer, or the refusal's code and
 * status. The nonce is recorded in this server's replay store, so every application forwarding
 * to the same servers shares one replay window.
 *
 * @example
 * await app.register(requestVerifyRoute);
 */
export async function requestVerifyRoute(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  app.post<{ Body: RequestVerifyInput }>(
    '/api/crypto/requests/verify',
    {
      schema: {
        tags: ['signatures'],
        summary:
          'Verify a signed HTTP request (RFC 9421, DataFold profile) forwarded by an application',
        body: requestVerifyBody,
        response: responses(200, requestVerifyData, [400, 401, 413, 429, 500]),
      },
    },
    async (request) => {
      const { method, target_uri, headers, body } = request.body;
      try {
        const verified = await ctx.signedRequests.verify({
          method,
          targetUri: target_uri,
          headers,
          ...(typeof body === 'string' ? { body: Buffer.from(body, 'base64') } : {}),
        });
        return {
          success: true,
          data: {
            verified: true,
            client_id: verified.clientId,
            public_key: Buffer.from(verified.publicKey).toString('hex'),
            covered_components: verified.coveredComponents,
            created: verified.created,
            expires: verified.expires ?? null,
            nonce: verified.nonce,
          },
        };
      } catch (error) {
        // The SDK refuses a target URI it cannot read as an argument error: here it is the body's.
        if (error instanceof DataFoldError && error.code === 'INVALID_ARGUMENT') {
          throw new ValidationError(
            'INVALID_REQUEST',
            'invalid request body: target_uri must be an absolute http(s) URI',
            { field: 'target_uri', in: 'body' },
          );
        }
        throw error;
      }
    },
  );
}
