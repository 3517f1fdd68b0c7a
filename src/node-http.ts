/**
 * Reading and answering on node's own request, for the paths answered before Express (`POST /graphql`,
 * introspection, the probes): the body within a size limit, and a JSON answer.
 */
import type http from 'node:http';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The body is UTF-8 (no charset, or `charset=utf-8`) and not compressed: what these paths read themselves. */
export function isPlainUtf8(headers: http.IncomingHttpHeaders): boolean {
  const charset = CHARSET.exec(headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') return false;
  const encoding = headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

/** `body` as JSON, with its length, in one write. */
export function sendJson(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The body as UTF-8 text, or `null` once it is larger than `limitBytes`, by its Content-Length or by what
 * arrives; the rest is then drained unread. Rejects if the request fails before its end.
 */
export function readBodyText(req: http.IncomingMessage, limitBytes: number): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limitBytes) {
        settled = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
  });
}
