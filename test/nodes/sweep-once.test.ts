/**
 * Three nodes sweeping at once (EXPIRY_SWEEP_INTERVAL=300ms each, so their sweeps overlap many times) and
 * sending from one email outbox: every key that reaches an expiry threshold gets one KEY_EXPIRING notice and
 * one email, never one per node. The sweep claims each key with a conditional UPDATE and the outbox claims
 * each email (src/modules/notifications/expiry-sweeper.ts, src/outbox.ts): this proves it across processes.
 */
import { startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { CREATE_KEY } from '../api-keys/helpers';
import { sleep } from '../reliability/support';
import { ask, dataOf, login, startCluster, type Cluster } from './cluster';

const KEYS = 12;
const HOUR = 3_600_000;
const NOTIFICATIONS = `{ notifications(first: 100) { edges { node { kind subjectId } } } }`;

let smtp: TestSmtpServer;
let cluster: Cluster;
beforeAll(async () => {
  smtp = await startSmtpServer();
  cluster = await startCluster(3, { env: { SMTP_URL: smtp.url, EXPIRY_SWEEP_INTERVAL: '300ms', OUTBOX_POLL_INTERVAL: '200ms' } });
});
afterAll(async () => {
  await cluster?.close();
  await smtp?.close();
});

test(`${KEYS} keys expiring in 47 h, three nodes sweeping: one notice and one email per key`, async () => {
  const admin = await login(cluster.nodes[0]);
  const expiresAt = new Date(Date.now() + 47 * HOUR).toISOString();
  const ids: string[] = [];
  for (let n = 0; n < KEYS; n++) {
    // Spread over the nodes, as a load balancer would.
    const node = cluster.nodes[n % cluster.nodes.length];
    ids.push(dataOf(await ask(node, CREATE_KEY, { input: { name: `expiring-${n}`, expiresAt } }, admin)).createApiKey.apiKey.id);
  }
  const expiryEmails = () => smtp.received.filter((mail) => /expires on/.test(mail.text));
  await waitFor(() => expiryEmails().length >= KEYS, `${KEYS} expiry emails`, 30_000);
  // Many more sweeps and outbox polls on every node: nothing more may go out.
  await sleep(3_000);

  const perKey = (id: string) => expiryEmails().filter((mail) => mail.text.includes(`Key ID: ${id}`)).length;
  expect(ids.map(perKey)).toEqual(ids.map(() => 1));
  expect(expiryEmails()).toHaveLength(KEYS);

  const notices = dataOf(await ask(cluster.nodes[1], NOTIFICATIONS, {}, admin)).notifications.edges.map((e: { node: { kind: string; subjectId: string } }) => e.node);
  const expiring = notices.filter((n: { kind: string }) => n.kind === 'KEY_EXPIRING');
  expect(ids.map((id) => expiring.filter((n: { subjectId: string }) => n.subjectId === id).length)).toEqual(ids.map(() => 1));
});
