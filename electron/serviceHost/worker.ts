// Entry point of the service thread (built to out/main/serviceHost.js). Loaded anywhere but in a worker
// thread it does nothing, so the build's load check can import it.
import { parentPort, workerData } from 'node:worker_threads';
import type { ServiceThreadInit } from './protocol';
import { serveData } from './serve';

if (parentPort) serveData(parentPort, workerData as ServiceThreadInit);
