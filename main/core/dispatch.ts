import {
  base64PiecesProblemInPieces,
  contract,
  ImportFileFieldsSchema,
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

import { runInPieces } from './in-pieces.js';

const isOperation = (name: string): name is OperationName => (OPERATIONS as readonly string[]).includes(name);

/**
 * Validates an untrusted payload against the contract, runs the handler and
 * returns a plain-JSON result. Never throws: a malformed message gets an
 * `invalid-request` error and changes nothing. importFile's base64 is
 * checked a piece at a time (see validate).
 */
export async function dispatch(handlers: Handlers, op: string, payload: unknown): Promise<Result<unknown>> {
  if (!isOperation(op)) return { ok: false, error: { code: 'invalid-request', message: `Unknown operation "${op}".` } };
  const parsed = await validate(op, payload ?? {});
  if (!parsed.ok) {
    const { issue } = parsed;
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

type Validated = { ok: true; data: unknown } | { ok: false; issue?: { path: PropertyKey[]; message: string } };

/**
 * Checks `payload` against the contract's request for `op`. importFile's
 * base64 pieces are checked one a turn after its other fields: the same
 * order, issue and message as its schema in one go, but the 65 MB of a
 * 49 MB file no longer hold this thread 240 ms.
 */
async function validate(op: OperationName, payload: unknown): Promise<Validated> {
  if (op !== 'importFile') {
    const parsed = contract[op].request.safeParse(payload);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issue: parsed.error.issues[0] };
  }
  const fields = ImportFileFieldsSchema.safeParse(payload);
  if (!fields.success) return { ok: false, issue: fields.error.issues[0] };
  const problem = await runInPieces(base64PiecesProblemInPieces(fields.data.dataBase64));
  return problem ? { ok: false, issue: { path: ['dataBase64'], message: problem } } : { ok: true, data: fields.data };
}
