import type Database from 'better-sqlite3';
import type { Method } from '../contract';
import type { Effect, Evaluator } from './evaluation';

export interface ServiceContext {
  db: Database.Database;
  dataFile: string;
  actor: string;
  appVersion: string;
  /** Told after every write, so a shell can push `data:changed` to its windows. */
  onChange?: (method: Method) => void;
  /** "Today" as YYYY-MM-DD for dated rules (the 诉求台账's overdue); tests set it, else this computer's calendar. */
  today?: () => string;
  /** The evaluation thread's script (built: evaluationWorker.js beside the bundle): pool-wide evaluations then run
   * off this thread over a read-only connection. Absent (tests, the CLI's one-off commands), they run here. */
  evaluationWorker?: string | URL;
  /** The import thread's script (built: importWorker.js beside the bundle): an import file is then read and checked
   * off this thread, and only planned here. Absent, it is read here. */
  importWorker?: string | URL;
}

/** What a part of the service gets: the context, and `changed` to wrap every write (drops caches, tells the shell). */
export type PartContext = ServiceContext & { changed: <T>(method: Method, value: T, effect?: Effect) => T; evaluator: Evaluator };
