// The API the signed-request CI example calls: a small Fastify app that accepts a deployment
// only when the request is signed (RFC 9421, spec/http-message-signatures-v1.md) by a key
// registered with the DataFold server. @datafold/js-sdk/fastify checks the signature, its
// freshness, the body's digest and replays, and hands the route the verified client id.
//   node signed-api.mjs PORT DATAFOLD_SERVER_URL
import Fastify from 'fastify';
import { signedRequestsPlugin } from '@datafold/js-sdk/fastify';

const [port, serverUrl] = process.argv.slice(2);
if (!port || !serverUrl) {
  console.error('usage: node signed-api.mjs PORT DATAFOLD_SERVER_URL');
  process.exit(2);
}

const app = Fastify();
let deployments = 0;

// Unsigned: the load balancer's health check.
app.get('/health', () => ({ ok: true }));

// #region routes
// Every route registered in here requires a signature by an active registered key.
await app.register(async (api) => {
  await api.register(signedRequestsPlugin, { serverUrl });
  api.post('/deployments', async (request, reply) => {
    const { service, version } = request.body ?? {};
    if (typeof service !== 'string' || typeof version !== 'string') {
      return reply.code(400).send({ error: 'service and version are required' });
    }
    deployments += 1;
    return reply.code(201).send({
      deployment_id: deployments,
      service,
      version,
      requested_by: request.datafold.clientId, // who signed it: the pipeline's client id
    });
  });
});
// #endregion routes

await app.listen({ host: '127.0.0.1', port: Number(port) });
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void app.close());
