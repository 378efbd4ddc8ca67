// The import thread run from the TypeScript sources (npm run cli, the tests): TypeScript loading registered in
// this thread first, as bin/champion-pool.mjs does for the CLI. Builds use the bundled importWorker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./importWorker.ts', import.meta.url).href);
