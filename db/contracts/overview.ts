// 总览 methods (merged into the one contract in db/contract.ts).
import { z } from 'zod';

export const overviewMethods = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
