import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Suites that restart or starve the shared Docker engine: they run alone, after the others.
const EXCLUSIVE = ['e2e/integration/engine-faults.test.ts'];

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-main/shared') } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/src/**/*.test.{ts,tsx}', 'bench/**/*.test.mjs'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['e2e/integration/**/*.test.ts'],
          exclude: [...EXCLUSIVE],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-exclusive',
          include: [...EXCLUSIVE],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
