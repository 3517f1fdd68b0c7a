/** Reading a request body on node's own request (the paths answered before Express), within a size limit. */
import type http from 'node:http';

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
