// The reference suite (npm run test:reference): the differential suite and what else needs the
// real Apache Kafka (fetched by scripts/reference.sh).
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['test/reference/**/*.test.ts'],
    testTimeout: 300000,
    hookTimeout: 300000,
    pool: 'forks',
    fileParallelism: false,
  },
});
