// A minimal round-robin HTTP load balancer for the multi-instance example: it stands in for the
// nginx, HAProxy or cloud load balancer you would use, doing what datafold-server needs from one:
// spread requests over the instances, skip an instance that is down, and say in X-Forwarded-For
// which client a request came from (the instances trust it from here: --trust-proxy).
//   node round-robin-proxy.mjs PORT http://127.0.0.1:9001 http://127.0.0.1:9002
import { createServer, request } from 'node:http';

const [port, ...upstreams] = process.argv.slice(2);
let next = 0;

function forward(req, res, body, attemptsLeft) {
  const target = new URL(upstreams[next++ % upstreams.length]);
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      // As nginx's $proxy_add_x_forwarded_for: the client's address appended to what came in.
      headers: {
        ...req.headers,
        'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress]
          .filter(Boolean)
          .join(', '),
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode, { ...answer.headers, 'x-upstream': target.port });
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (attemptsLeft > 1)
      forward(req, res, body, attemptsLeft - 1); // that instance is down
    else {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(
        '{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"no upstream","details":{}}}',
      );
    }
  });
  upstream.end(body);
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => forward(req, res, Buffer.concat(chunks), upstreams.length));
}).listen(Number(port), '127.0.0.1', () =>
  console.log(`balancing :${port} over ${upstreams.join(', ')}`),
);
