/**
 * `npm run test:reliability`: faults, load and hostile input against the real server
 * (in CI on MariaDB: DATABASE_URL=mysql://root@127.0.0.1:3306). One file at a time:
 * the scenarios load the machine on purpose and must not starve each other.
 */
const onMySql = (process.env.DATABASE_URL ?? '').startsWith('mysql');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.test.ts'],
  // A database outage needs a database behind a TCP connection: MariaDB/MySQL only. Another process holding
  // the write lock is SQLite's gray failure.
  testPathIgnorePatterns: ['/node_modules/', ...(onMySql ? ['sqlite-locked'] : ['database-outage', 'database-blackhole', 'shutdown-blackhole'])],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  maxWorkers: 1,
  testTimeout: 240_000,
};
