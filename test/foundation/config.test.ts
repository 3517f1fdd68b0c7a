/** Configuration is validated at start: bad values stop it with a message naming them. */
import { ConfigError, loadConfig } from '../../src/config';

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
