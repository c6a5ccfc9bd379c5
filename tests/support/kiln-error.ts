// The KilnError a call throws, for tests that then check its code, message and context; anything else
// (another error, or nothing thrown) fails the test.
import { KilnError } from '../../ir/errors.ts';

export function kilnError(f: () => unknown): KilnError {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw new Error(`expected a KilnError, got ${(e as Error).stack}`);
  }
  throw new Error('expected a KilnError, nothing was thrown');
}
