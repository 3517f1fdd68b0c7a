/** Configuration is validated at start: bad values stop it with a message naming them. */
import { ConfigError, loadConfig, loadDatabaseConfig } from '../../src/config';
import { startTestServer } from '../helpers/server';

test('production refuses to start without KEYWARDEN_SECRET, and with a short one', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/KEYWARDEN_SECRET is required/);
  expect(() => loadConfig({ NODE_ENV: 'production', KEYWARDEN_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  expect(loadConfig({ NODE_ENV: 'production', KEYWARDEN_SECRET: 'x'.repeat(32) }).secret).toBe('x'.repeat(32));
});

test('defaults serve the embedded database on 127.0.0.1:4000', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', database: { kind: 'sqlite', path: './data/keywarden.sqlite' }, nodeEnv: 'development' });
});

test('every invalid value is named at once', () => {
  try {
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', EXPIRY_SWEEP_INTERVAL: 'often', METRICS_ENABLED: 'maybe' });
    throw new Error('accepted');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'METRICS_ENABLED', 'EXPIRY_SWEEP_INTERVAL']) expect(problems).toContain(name);
  }
});

test('every dependency has a deadline and the stop a budget, with defaults, and bad values are named', () => {
  expect(loadConfig({})).toMatchObject({
    database: { queryTimeoutMs: 5000 },
    smtpTimeoutMs: 10_000,
    redisTimeoutMs: 1000,
    webhookTimeoutMs: 10_000,
    shutdownGraceMs: 20_000,
  });
  const set = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/x', DB_QUERY_TIMEOUT_MS: '1000', SMTP_TIMEOUT_MS: '2000', SHUTDOWN_GRACE_MS: '3000' });
  expect(set).toMatchObject({ database: { kind: 'mysql', queryTimeoutMs: 1000 }, smtpTimeoutMs: 2000, shutdownGraceMs: 3000 });
  try {
    loadConfig({ DB_QUERY_TIMEOUT_MS: 'soon', SMTP_TIMEOUT_MS: '0', REDIS_TIMEOUT_MS: '-1', WEBHOOK_TIMEOUT_MS: '1e3', SHUTDOWN_GRACE_MS: '10' });
    throw new Error('accepted');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DB_QUERY_TIMEOUT_MS', 'SMTP_TIMEOUT_MS', 'REDIS_TIMEOUT_MS', 'WEBHOOK_TIMEOUT_MS', 'SHUTDOWN_GRACE_MS']) expect(problems).toContain(name);
  }
  // The typeorm CLI reads the database part alone, deadline included.
  expect(() => loadDatabaseConfig({ DB_QUERY_TIMEOUT_MS: 'soon' })).toThrow(/DB_QUERY_TIMEOUT_MS/);
  expect(loadDatabaseConfig({ DB_QUERY_TIMEOUT_MS: '1500' }).queryTimeoutMs).toBe(1500);
});

test('the OAuth settings: token lifetime, issuer URL (trailing slash dropped) and signing-key rotation, validated', () => {
  expect(loadConfig({})).toMatchObject({ accessTokenTtlSeconds: 900, publicUrl: undefined, signingKeyRotationDays: 30 });
  expect(loadConfig({ PUBLIC_URL: 'https://id.example.com/', ACCESS_TOKEN_TTL_SECONDS: '300', SIGNING_KEY_ROTATION_DAYS: '7' })).toMatchObject({
    publicUrl: 'https://id.example.com',
    accessTokenTtlSeconds: 300,
    signingKeyRotationDays: 7,
  });
  try {
    loadConfig({ PUBLIC_URL: 'ftp://id.example.com', ACCESS_TOKEN_TTL_SECONDS: '5', SIGNING_KEY_ROTATION_DAYS: '0' });
    throw new Error('accepted');
  } catch (error) {
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PUBLIC_URL', 'ACCESS_TOKEN_TTL_SECONDS', 'SIGNING_KEY_ROTATION_DAYS']) expect(problems).toContain(name);
  }
});

test('PUBLIC_URL sets the issuer of the OAuth metadata', async () => {
  const t = await startTestServer({ PUBLIC_URL: 'https://id.example.com' });
  try {
    const metadata = await (await fetch(`${t.origin}/.well-known/oauth-authorization-server`)).json();
    expect(metadata).toMatchObject({ issuer: 'https://id.example.com', token_endpoint: 'https://id.example.com/oauth/token' });
  } finally {
    await t.close();
  }
});
