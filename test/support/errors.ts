// Asserting on the AppError a call throws, and on its code.
import { AppError, type ErrorCode } from '../../domain/errors';

export function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

export function expectCode(fn: () => unknown, code: ErrorCode): AppError {
  const err = thrown(fn);
  expect(err.code).toBe(code);
  return err;
}
