import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and real .xlsx/.docx bytes: give slow disks room, but never hide a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // the CLI and browser mode as users run them: compiled once into out/cli (tests/helpers/build-cli.ts)
    globalSetup: ['tests/helpers/build-cli.ts'],
  },
});
