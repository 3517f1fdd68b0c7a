/**
 * The physical limit of the bench: node's bare `http` server answering every
 * request with `{"status":"ok"}`, as `GET /healthz` does, and nothing else
 * (no framework, no logging). Started by scripts/bench.ts as a child process:
 * `node dist/bench/bare-http-server.js`; listens on PORT (0: any free port) and
 * prints one JSON line `{"msg":"bench server is serving","url":…}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = JSON.stringify({ status: 'ok' });

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(BODY) });
  res.end(BODY);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'bench server is serving', url: `http://127.0.0.1:${port}/graphql` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
