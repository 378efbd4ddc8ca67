export declare const BROWSER_MODE_NOTICE: string;
export declare function parseStartArgs(argv: string[]): { db: string | undefined; rest: string[] };
export declare function startPlan(o: {
  argv: string[];
  env: Record<string, string | undefined>;
  root: string;
  electron: boolean;
  node: string;
  bin: (name: string) => string;
}): { command: string; args: string[]; env: Record<string, string | undefined>; notice?: string };
