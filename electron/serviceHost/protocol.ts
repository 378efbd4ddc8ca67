// The messages between the main process and the thread that holds the data file. The main process keeps the
// window, the dialogs and printing; everything that reads or writes the file (opening and migrating it,
// every contract method, backups) happens on the service thread, so a long import or evaluation never
// freezes the window. Requests carry an id and may overlap; each gets exactly one reply with that id.
import type { Envelope, ErrorPayload, Method } from '../../db/contract';
import type { OpenOptions } from '../../db/open';

/** What the thread is started with (`workerData`). */
export interface ServiceThreadInit {
  actor: string;
  appVersion: string;
  /** The evaluation thread's built script (out/main/evaluationWorker.js). */
  evaluationWorker?: string;
  /** The import thread's built script (out/main/importWorker.js). */
  importWorker?: string;
}

export type ServiceRequest =
  | { id: number; kind: 'open'; file: string; create: OpenOptions['create'] }
  | { id: number; kind: 'close' }
  | { id: number; kind: 'call'; method: Method; input: unknown }
  | { id: number; kind: 'backup'; target: string };

export type ServiceRequestKind = ServiceRequest['kind'];

/** What each request answers with when it succeeds. */
export interface ServiceResults {
  /** The file now open, and whether it was a different one from before (false: already open, nothing changed). */
  open: { file: string; switched: boolean };
  close: null;
  /** A contract call always succeeds at this level: failures travel inside the envelope. */
  call: Envelope<unknown>;
  /** The backup's size in bytes. */
  backup: number;
}

export type ServiceReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorPayload };

/** Sent after every write the service makes, before that write's reply. */
export interface ChangedNotice {
  kind: 'changed';
  method: Method;
}

export type ServiceMessage = ServiceReply | ChangedNotice;

/** The part of a MessagePort or Worker both ends use, so tests can join them with a MessageChannel. */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}
