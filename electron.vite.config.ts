import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = dirname(fileURLToPath(import.meta.url));

// One build for the desktop shell (main + sandboxed CJS preload) and the UI; browser mode serves out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The service thread (electron/serviceHost) is an entry of its own: main starts it as out/main/serviceHost.js;
      // so are the evaluation and import threads it starts (out/main/evaluationWorker.js, out/main/importWorker.js).
      rolldownOptions: {
        input: {
          main: resolve(root, 'electron/main.ts'),
          serviceHost: resolve(root, 'electron/serviceHost/worker.ts'),
          evaluationWorker: resolve(root, 'db/service/evaluationWorker.ts'),
          importWorker: resolve(root, 'db/service/importWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    publicDir: resolve(root, 'assets/public'),
    plugins: [react()],
    build: {
      // Minified: the first screen waits for this script to be parsed (half a second unminified).
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
