// Shared by the lab CA cmdlets (cheap to import).
import type { CmdletContext } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';

export const LAB_NOTE =
  'Lab tool: a file-based certification authority for trying domain security without a PKI. It is never ' +
  'needed when a real CA (an enterprise PKI or a public CA) issues the certificates.';

export function labError(ctx: CmdletContext, e: unknown, id: string, target?: unknown): ErrorRecord {
  const err = e as Error & { file?: string };
  if (err && typeof err === 'object' && 'record' in err) return (err as unknown as { record: ErrorRecord }).record;
  const category = err?.name === 'StateError' ? 'ReadError' : err?.name === 'LabCaError' || err?.name === 'RequestFormatError' ? 'InvalidOperation' : 'NotSpecified';
  return new ErrorRecord(err?.message ?? String(e), `${id},${ctx.commandName}`, category, err?.file ?? target);
}
