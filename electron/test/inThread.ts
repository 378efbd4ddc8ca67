// The service thread without a thread: serveData on one end of a MessageChannel, so messages are cloned as
// between real threads while the test stays in one (the boot smoke test runs the real worker of the build).
// Node's global MessageChannel is worker_threads' own; taken from the global so main.test can mock that module.
import { EventEmitter } from 'node:events';
import type { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import type { OpenOptions, PoolDb } from '../../db/open';
import type { ServiceThread } from '../serviceHost/client';
import type { ServiceThreadInit } from '../serviceHost/protocol';
import { serveData } from '../serviceHost/serve';

export class InThreadService extends EventEmitter implements ServiceThread {
  private readonly channel = new (globalThis.MessageChannel as unknown as typeof NodeMessageChannel)();
  private readonly served: { close(): void };
  /** Every request posted, in order (to see what reached the thread). */
  readonly requests: unknown[] = [];
  terminated = false;

  constructor(init: ServiceThreadInit, open?: (options: OpenOptions) => PoolDb) {
    super();
    this.served = serveData(this.channel.port2, { ...init, open });
    this.channel.port1.on('message', (m: unknown) => this.emit('message', m));
  }

  postMessage(message: unknown): void {
    this.requests.push(message);
    this.channel.port1.postMessage(message);
  }

  /** Like Worker.terminate: the file's handle goes with the thread, and 'exit' follows. */
  async terminate(): Promise<number> {
    if (this.terminated) return 1;
    this.terminated = true;
    this.served.close();
    this.channel.port1.close();
    this.channel.port2.close();
    this.emit('exit', 1);
    return 1;
  }

  /** What a crash of the thread looks like from the main process. */
  crash(message: string): void {
    this.served.close();
    this.channel.port1.close();
    this.emit('error', new Error(message));
    this.emit('exit', 1);
  }
}

/** A `startThread` for DataHost that records the threads it started. */
export function inThreadStarter(open?: (options: OpenOptions) => PoolDb) {
  const threads: InThreadService[] = [];
  return {
    threads,
    start: (init: ServiceThreadInit) => {
      const t = new InThreadService(init, open);
      threads.push(t);
      return t;
    },
  };
}
