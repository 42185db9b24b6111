import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/reference/**', '**/node_modules/**'],
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: 'forks',
    // Most tests wait on sockets, child processes and timeouts, not the CPU: on CI's 2 cores
    // Vitest's default (half the cores: one file at a time) took 8.1 min here, three at once 3.6 min.
    maxWorkers: 3,
  },
});
