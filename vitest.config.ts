import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests; the end-to-end suite has its own config in e2e/. The time limits are generous: a
// test here checks what happens, never how fast (speed lives in npm run bench), and a loaded 2-core laptop is slow.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', environment: 'node', testTimeout: 30_000, hookTimeout: 30_000, include: ['db/**/*.test.ts', 'electron/**/*.test.ts', 'bin/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      { plugins: [react()], test: { name: 'renderer', environment: 'happy-dom', testTimeout: 30_000, include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'], setupFiles: ['renderer/test/setup.ts'] } },
    ],
  },
});
