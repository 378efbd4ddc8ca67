import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests; the end-to-end suite has its own config in e2e/.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', environment: 'node', include: ['db/**/*.test.ts', 'electron/**/*.test.ts', 'bin/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      { plugins: [react()], test: { name: 'renderer', environment: 'happy-dom', include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'], setupFiles: ['renderer/test/setup.ts'] } },
    ],
  },
});
