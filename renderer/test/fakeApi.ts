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

export const onEvent = () => () => {};
export const takeTokenFromLocation = () => {};
