// The container image's HEALTHCHECK: exits 0 when this container's datafold-server answers
// GET /api/health with 200 (its database answers), 1 otherwise. Plain Node, so the image needs
// no curl. It asks 127.0.0.1 on DATAFOLD_PORT, over HTTPS when DATAFOLD_TLS_CERT is set; the
// certificate is not checked, since it names the public host and this is the process next door.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const tls = Boolean(process.env.DATAFOLD_TLS_CERT);
const request = (tls ? httpsRequest : httpRequest)(
  {
    host: '127.0.0.1',
    port: Number(process.env.DATAFOLD_PORT ?? 9001),
    path: '/api/health',
    timeout: 4000,
    rejectUnauthorized: false,
  },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', () => process.exit(1));
request.end();
