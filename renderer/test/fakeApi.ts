// A stand-in for renderer/src/api.ts in component tests: records every call and answers from `answers`.
// Use: vi.mock('../src/api', () => import('./fakeApi'));
import { vi } from 'vitest';

export const calls: { method: string; input: Record<string, unknown> }[] = [];
export const answers: Record<string, (input: Record<string, unknown>) => unknown> = {};

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const call = vi.fn(async (method: string, input: Record<string, unknown>) => {
  calls.push({ method, input });
  return answers[method](input);
});

/** Every file handed over for an import, in order; its reference is `upload-<n>` (1-based). */
export const sent: File[] = [];

export const sendFile = vi.fn(async (file: File, onProgress?: (fraction: number) => void) => {
  sent.push(file);
  onProgress?.(1);
  return { upload: `upload-${sent.length}` };
});

export const onEvent = () => () => {};
export const takeTokenFromLocation = () => {};
