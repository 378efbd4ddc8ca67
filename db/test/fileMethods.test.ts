// Every method that answers with a file for the user to keep is listed in FILE_METHODS, so the desktop shell
// saves it where the user chooses (a method left out would hand the page raw bytes it cannot save).
import { describe, expect, it } from 'vitest';
import { contract, FILE_METHODS, METHODS } from '../contract';

const fileShape = (m: (typeof METHODS)[number]) => {
  const shape = (contract[m].output as { shape?: Record<string, unknown> }).shape;
  return !!shape && ['fileName', 'mime', 'base64', 'savedTo'].every((k) => k in shape);
};

describe('FILE_METHODS', () => {
  it('lists exactly the methods whose answer is a file', () => {
    expect([...FILE_METHODS].sort()).toEqual(METHODS.filter(fileShape).sort());
  });
});
