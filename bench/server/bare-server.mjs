// The baseline: a bare Fastify app with one JSON route, no database, no crypto. Its req/s is H,
// the HTTP ceiling of this machine for the verify request's shape. Prints its port when ready.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/bare', async (request) => {
  const body = request.body;
  return {
    success: true,
    data: { ok: typeof body === 'object', client_id: body.client_id ?? null },
  };
});
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${app.server.address().port}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
