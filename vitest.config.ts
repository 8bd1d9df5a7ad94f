import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine (CI),
    // where the tests spend much of their time waiting on HTTP, child processes and timers.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // A worker runs its files one after another in one process, importing the app (Prisma, grammY,
    // exceljs, docx…) once instead of once per file: no test mocks modules or changes process.env,
    // and each file builds its own app, database and fake Bot API. test/bot takes half the CPU.
    isolate: false,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
  },
});
