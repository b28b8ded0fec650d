import {
  contract,
  MarginaliaError,
  OPERATIONS,
  toErrorJSON,
  type OperationName,
  type Request,
  type Response,
  type Result,
} from '../../shared/contract/index.js';

/** One implementation per operation, as a host (Electron or browser mode) provides them. */
export type Handlers = {
  [Op in OperationName]: (request: Request<Op>) => Promise<Response<Op>>;
};

const isOperation = (name: string): name is OperationName => (OPERATIONS as readonly string[]).includes(name);

/**
 * Validates an untrusted payload against the contract, runs the handler and
 * returns a plain-JSON result. Never throws: a malformed message gets an
 * `invalid-request` error and changes nothing.
 */
export async function dispatch(handlers: Handlers, op: string, payload: unknown): Promise<Result<unknown>> {
  if (!isOperation(op)) return { ok: false, error: { code: 'invalid-request', message: `Unknown operation "${op}".` } };
  const parsed = contract[op].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: { code: 'invalid-request', message: `Invalid ${op} request${where}: ${issue?.message ?? 'malformed'}.` },
    };
  }
  try {
    const handler = handlers[op] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof MarginaliaError)) console.error(`[marginalia] ${op} failed:`, error);
    return { ok: false, error: toErrorJSON(error) };
  }
}
