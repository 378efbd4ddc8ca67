// Bundles the CLI — and with it browser mode's server — into out/cli/cli.mjs, so `npm start` serves without
// compiling TypeScript at start-up (about a second on a 2-core laptop). Dependencies stay in node_modules;
// the app's own JSON (criteria sets, the default pool) is bundled in. `npm run cli` still runs the sources.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  // Browser mode's evaluation and import threads beside it: out/cli/evaluationWorker.mjs, out/cli/importWorker.mjs.
  entryPoints: {
    cli: path.join(root, 'bin', 'cli.ts'),
    evaluationWorker: path.join(root, 'db', 'service', 'evaluationWorker.ts'),
    importWorker: path.join(root, 'db', 'service', 'importWorker.ts'),
  },
  outdir: path.join(root, 'out', 'cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
