import { MarginaliaError, type Result } from '../../shared/contract/errors.js';

/** Turns a plain-JSON result from main back into a value, or throws the error it carries. */
export function unwrap<T>(result: Result<T>): T {
  if (result && result.ok === true) return result.value;
  if (result && result.ok === false && result.error) throw new MarginaliaError(result.error.code, result.error.message);
  throw new MarginaliaError('internal', 'Marginalia received a reply it did not understand.');
}
