import { ADMIN_EMAIL, startTestServer, type TestServer } from '../helpers/server';

/** Reads one sample from a Prometheus text exposition; 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** An API key for the administrator. */
async function adminApiKey(t: TestServer): Promise<string> {
  const created = await t.gql(`mutation { createApiKey(input: { name: "metrics-test" }) { secret } }`, {}, { token: t.adminToken });
  return created.data.createApiKey.secret;
}

describe('with METRICS_ENABLED=true', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ METRICS_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  test('GET /metrics is served on the API port in Prometheus format', async () => {
    expect(t.server.metricsUrl).toBe(`${t.origin}/metrics`);
    const text = await scrape(t.server.metricsUrl!);
    expect(text).toMatch(/^# TYPE keywarden_graphql_requests_total counter$/m);
    expect(text).toMatch(/^# TYPE process_cpu_seconds_total counter$/m);
  });

  test('request counts and latencies move by operation and outcome', async () => {
    const before = await scrape(t.server.metricsUrl!);
    const ok = { operation: 'Me', type: 'query', outcome: 'ok' };
    const refused = { operation: 'Me', type: 'query', outcome: 'UNAUTHENTICATED' };
    await t.gql('query Me { viewer { id } }', {}, { token: t.adminToken });
    await t.gql('query Me { viewer { id } }', {}, { token: t.adminToken });
    await t.gql('query Me { viewer { id } }', {}, { authorization: 'Bearer kws_not-a-real-session-token-but-the-right-length-x' });
    const after = await scrape(t.server.metricsUrl!);

    expect(sample(after, 'keywarden_graphql_requests_total', ok) - sample(before, 'keywarden_graphql_requests_total', ok)).toBe(2);
    expect(sample(after, 'keywarden_graphql_requests_total', refused) - sample(before, 'keywarden_graphql_requests_total', refused)).toBe(1);
    expect(sample(after, 'keywarden_graphql_request_duration_seconds_count', ok) - sample(before, 'keywarden_graphql_request_duration_seconds_count', ok)).toBe(2);
    expect(sample(after, 'keywarden_graphql_request_duration_seconds_sum', ok)).toBeGreaterThan(sample(before, 'keywarden_graphql_request_duration_seconds_sum', ok));
  });

  test('authentication outcomes are counted by method', async () => {
    const before = await scrape(t.server.metricsUrl!);
    await t.gql('{ viewer { id } }', {}, { token: t.adminToken });
    await t.gql('{ viewer { id } }', {}, { authorization: 'ApiKey nonsense' });
    await expect(t.login(ADMIN_EMAIL, 'not-the-password')).rejects.toThrow(/login failed/);
    await t.login(ADMIN_EMAIL, 'admin-password-123');
    const after = await scrape(t.server.metricsUrl!);

    const moved = (labels: Record<string, string>) =>
      sample(after, 'keywarden_authentications_total', labels) - sample(before, 'keywarden_authentications_total', labels);
    expect(moved({ method: 'SESSION', outcome: 'success' })).toBe(1);
    expect(moved({ method: 'MALFORMED', outcome: 'failure' })).toBe(1);
    expect(moved({ method: 'PASSWORD', outcome: 'failure' })).toBe(1);
    expect(moved({ method: 'PASSWORD', outcome: 'success' })).toBe(1);
  });

  test('the key cache hit ratio follows key verifications', async () => {
    const token = await adminApiKey(t);
    const before = await scrape(t.server.metricsUrl!);
    for (let i = 0; i < 4; i++) {
      const result = await t.gql('{ viewer { id } }', {}, { authorization: `ApiKey ${token}` });
      expect(result.data.viewer.id).toMatch(/^usr_/);
    }
    const after = await scrape(t.server.metricsUrl!);
    const moved = (result: string) =>
      sample(after, 'keywarden_key_cache_lookups_total', { result }) - sample(before, 'keywarden_key_cache_lookups_total', { result });
    expect(moved('miss')).toBe(1);
    expect(moved('hit')).toBe(3);
    const { cacheHits, cacheMisses } = t.server.services.keyAuthenticator.stats;
    expect(sample(after, 'keywarden_key_cache_hit_ratio')).toBeCloseTo(cacheHits / (cacheHits + cacheMisses), 6);
    expect(moved('hit') + moved('miss')).toBe(4);
    expect(sample(after, 'keywarden_authentications_total', { method: 'API_KEY', outcome: 'success' })).toBe(4);
  });

  test('database pool use is reported', async () => {
    await t.gql('{ viewer { id } }', {}, { token: t.adminToken });
    const text = await scrape(t.server.metricsUrl!);
    const sqlite = t.server.services.config.database.kind === 'sqlite';
    expect(sample(text, 'keywarden_db_pool_max_connections')).toBe(sqlite ? 1 : 10);
    const open = sample(text, 'keywarden_db_pool_connections', { state: 'busy' }) + sample(text, 'keywarden_db_pool_connections', { state: 'idle' });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(sample(text, 'keywarden_db_pool_max_connections'));
    expect(text).toMatch(/^keywarden_db_pool_waiting_requests 0$/m);
  });

  test('client-chosen operation names cannot grow the label set without bound', async () => {
    for (let i = 0; i < 210; i++) await t.gql(`query Op${i} { __typename }`);
    const text = await scrape(t.server.metricsUrl!);
    const names = new Set([...text.matchAll(/^keywarden_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(201 + 1); // 200 names, `other` and `anonymous`
    expect(sample(text, 'keywarden_graphql_requests_total', { operation: 'other', type: 'query', outcome: 'ok' })).toBeGreaterThan(0);
  });
});

test('with METRICS_ENABLED unset, /metrics answers 404', async () => {
  const t = await startTestServer();
  try {
    expect(t.server.metricsUrl).toBeUndefined();
    expect((await fetch(`${t.origin}/metrics`)).status).toBe(404);
  } finally {
    await t.close();
  }
});

test('with METRICS_PORT, /metrics is served on its own port only', async () => {
  const t = await startTestServer({ METRICS_ENABLED: 'true', METRICS_PORT: '0' });
  try {
    expect(t.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(t.server.metricsUrl).not.toBe(`${t.origin}/metrics`);
    expect((await fetch(`${t.origin}/metrics`)).status).toBe(404);
    await t.gql('query Me { viewer { id } }', {}, { token: t.adminToken });
    const text = await scrape(t.server.metricsUrl!);
    expect(sample(text, 'keywarden_graphql_requests_total', { operation: 'Me', type: 'query', outcome: 'ok' })).toBe(1);
  } finally {
    await t.close();
  }
});
