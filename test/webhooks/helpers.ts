/**
 * A webhook receiver as a user runs one: a local HTTP server that records
 * each delivery and answers with the status the test asks for; and the
 * Standard Webhooks verification a receiver does, written from the spec
 * (HMAC-SHA256 over `id.timestamp.body`, five minutes' tolerance), so the
 * tests check the server against the standard rather than against itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TestServer } from '../helpers/server';

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  json: { type: string; timestamp: string; data: any };
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** Statuses for the next requests, in order; 204 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/keywarden`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks verification at `nowSeconds`: throws as a receiver refuses, returns the parsed body. */
export function verifyAsReceiver(secret: string, delivery: Pick<ReceivedDelivery, 'headers' | 'body'>, nowSeconds: number): unknown {
  const id = String(delivery.headers['webhook-id'] ?? '');
  const timestamp = Number(delivery.headers['webhook-timestamp']);
  const signatures = String(delivery.headers['webhook-signature'] ?? '').split(' ');
  if (!id || !Number.isInteger(timestamp)) throw new Error('missing headers');
  if (Math.abs(nowSeconds - timestamp) > 5 * 60) throw new Error('timestamp outside the tolerance: a replay or a wrong clock');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${delivery.body}`).digest();
  const matches = signatures.some((versioned) => {
    const [version, value] = versioned.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new Error('no valid signature');
  return JSON.parse(delivery.body);
}

export const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret dryRun webhook { id url events enabled description } } }`;
export const DELIVERIES = `query($webhookId: ID!, $first: Int) { webhookDeliveries(webhookId: $webhookId, first: $first) {
  totalCount edges { node { id webhookId messageId eventType payload state attempts nextAttemptAt lastStatus lastError lastAttemptAt createdAt deliveredAt } } } }`;

export const ALL_EVENTS = [
  'apikey.created',
  'apikey.expiring',
  'apikey.expired',
  'apikey.leaked',
  'apikey.secret_reset',
  'apikey.deleted',
  'apikey.state_changed',
  'principal.access_changed',
];

/** A webhook of the active account for `url`, made by the administrator; returns its ID and secret. */
export async function createWebhook(t: TestServer, url: string, events = ALL_EVENTS): Promise<{ id: string; secret: string }> {
  const result = await t.gql(CREATE_WEBHOOK, { input: { url, events, description: 'test receiver' } }, { token: t.adminToken });
  if (!result.data?.createWebhook) throw new Error(`createWebhook failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.createWebhook.webhook.id, secret: result.data.createWebhook.secret };
}
