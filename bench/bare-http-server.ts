/**
 * The physical limit of the bench: node's bare `http` server, no framework, no logging. `GET` answers
 * `{"status":"ok"}`, as `GET /healthz` does. `POST` reads the body, parses it as a form and answers a JSON object
 * of the size of an introspection answer (`ANSWER_CHARACTERS`): the least a form endpoint such as
 * `POST /oauth/introspect` does, without authenticating anyone. Started by scripts/bench.ts as a child process:
 * `node dist/bench/bare-http-server.js`; listens on PORT (0: any free port) and prints one JSON line
 * `{"msg":"bench server is serving","url":…}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const STATUS = JSON.stringify({ status: 'ok' });
/** About what `POST /oauth/introspect` answers for an API key with an audience. */
const ANSWER_CHARACTERS = 260;

function answer(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return answer(res, STATUS);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    answer(res, JSON.stringify({ active: true, parameters: Object.keys(form).length, padding: 'x'.repeat(ANSWER_CHARACTERS) }));
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'bench server is serving', url: `http://127.0.0.1:${port}/graphql` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
