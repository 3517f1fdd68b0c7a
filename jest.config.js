/** Every test talks HTTP to a real server on a real database (SQLite by default, MariaDB with DATABASE_URL=mysql://…). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/reliability/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
};
