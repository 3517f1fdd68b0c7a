/**
 * One of three nodes killed with SIGKILL under write load (always MariaDB: three built servers on one
 * database of their own, and Redis). Six lanes write (createGroup: no per-caller quota, unlike createUser
 * whose 200 an hour are now shared by every node) and read through all nodes, as a load balancer spreads
 * them; at 2 s node 3 is killed, and the lanes move to the nodes left (a load balancer's health check).
 * Every write a node acknowledged is stored; the two nodes left answer every request after the kill;
 * requests in flight on the killed node fail as network errors, never as a wrong answer.
 */
import { ask, dataOf, login, startCluster, type Cluster } from '../nodes/cluster';
import { codeOf, sleep, type Answer } from './support';
import type { ChildServer } from '../../scripts/child-server';

const LANES = 6;
const BEFORE_KILL_MS = 2_000;
const AFTER_KILL_MS = 3_000;
const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster(3, { redis: true });
});
afterAll(() => cluster?.close());

interface Sample {
  node: number;
  afterKill: boolean;
  write: boolean;
  answer: Answer;
}

test('SIGKILL of one node under write load: no acknowledged write is lost, the others keep serving', async () => {
  const token = await login(cluster.nodes[0]);
  const alive: ChildServer[] = [...cluster.nodes];
  const victim = cluster.nodes[2];
  let killed = false;
  let running = true;
  let sequence = 0;
  const samples: Sample[] = [];
  const acknowledged: string[] = [];

  async function lane(): Promise<void> {
    while (running) {
      const n = sequence++;
      const node = alive[n % alive.length];
      const write = n % 5 !== 4; // not aligned with the node choice: every node gets both
      const afterKill = killed;
      const answer = write
        ? await ask(node, CREATE_GROUP, { input: { name: `load-${n}` } }, token, { timeoutMs: 10_000 })
        : await ask(node, `{ viewer { id } groups(first: 5) { edges { node { id } } } }`, {}, token, { timeoutMs: 10_000 });
      if (write && codeOf(answer) === 'ok') acknowledged.push((answer as { body: any }).body.data.createGroup.id);
      samples.push({ node: cluster.nodes.indexOf(node), afterKill, write, answer });
    }
  }
  const lanes = Array.from({ length: LANES }, () => lane());
  await sleep(BEFORE_KILL_MS);
  victim.child.kill('SIGKILL');
  killed = true;
  alive.splice(alive.indexOf(victim), 1);
  await sleep(AFTER_KILL_MS);
  running = false;
  await Promise.all(lanes);

  const summary: Record<string, number> = {};
  for (const s of samples) {
    const label = `node${s.node + 1}${s.afterKill ? ' after' : ' before'}:${s.write ? 'write' : 'read'}:${codeOf(s.answer)}`;
    summary[label] = (summary[label] ?? 0) + 1;
  }
  console.log(`node kill: ${acknowledged.length} writes acknowledged; ${JSON.stringify(summary)}`);

  // Work was done on every node before the kill, and on the two left after it.
  for (const index of [0, 1, 2]) expect(samples.some((s) => s.node === index && s.write && !s.afterKill && codeOf(s.answer) === 'ok')).toBe(true);
  const survivorsAfter = samples.filter((s) => s.afterKill && s.node !== 2);
  expect(survivorsAfter.length).toBeGreaterThan(20);
  // The nodes left answered every request after the kill, and every answer anywhere was a success or, on the
  // killed node only, a network error.
  expect(survivorsAfter.map((s) => codeOf(s.answer))).toEqual(survivorsAfter.map(() => 'ok'));
  const failed = samples.filter((s) => codeOf(s.answer) !== 'ok');
  expect(failed.filter((s) => s.node !== 2 || s.answer.kind !== 'network')).toEqual([]);

  // No acknowledged write is lost: each is stored, as read through a node that is left.
  const survivor = cluster.nodes[1];
  const stored = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: any = dataOf(await ask(survivor, `query($after: String) { groups(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after }, token)).groups;
    for (const edge of page.edges) stored.add(edge.node.id);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(acknowledged.length).toBeGreaterThan(50);
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
});
