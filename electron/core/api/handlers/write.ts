// The one way a handler writes by itself: `write(...)` runs the handler's change in one transaction and appends its
// audit entry in that same transaction, so a change and its record are committed together or not at all, and no
// handler opens a transaction or writes the audit log by hand. The change returns its result and what it changed
// (`audit`, without time and actor, which the wrapper adds), or `audit: null` when nothing changed (no entry).
//
// Handlers that hand the work to a service (records.ts, case-file.ts, exchange, deadlines, report templates,
// settings) do not need it: those services write their own transaction and audit entry, because the CLI and the
// import pipeline call them too. `backup.restore` replaces the file itself, outside any transaction, and records the
// restore in the restored file afterwards (`recordAfter`, handlers/safety.ts).

import type { ApiInput, ApiMethod, ApiOutput } from '../../../domain/api';
import { isoNow, longWrite, type Core } from '../../core';
import { appendAudit, type AuditInput } from '../../safety/audit';
import type { Handler } from './area';

type Audit = Omit<AuditInput, 'at' | 'actor'>;
type Change<T> = { result: T; audit: Audit | null };
/** What a change is given besides the input: the time of the call, the same for the change and its entry. */
type Ctx = { at: string };

/** A handler whose change runs synchronously in one transaction with its audit entry. */
export function write<M extends ApiMethod>(change: (core: Core, input: ApiInput<M>, ctx: Ctx) => Change<ApiOutput<M>>): Handler<M> {
  return (core, input) => {
    const at = isoNow(core.now());
    return core.db.transaction(() => {
      const { result, audit } = change(core, input, { at });
      if (audit) appendAudit(core.db, { ...audit, at, actor: core.actor });
      return result;
    })();
  };
}

/** The audit entry of a change that could not run in a transaction of this file (a restore replaces the file). */
export function recordAfter(core: Core, audit: Audit): void {
  appendAudit(core.db, { ...audit, at: isoNow(core.now()), actor: core.actor });
}

/**
 * A long change (re-deriving every row) in one transaction that lets progress polls through between chunks
 * (core.ts longWrite; the call runs alone, dispatch.ts), with its audit entry appended before it commits.
 */
export function writeLong<M extends ApiMethod>(
  label: string,
  change: (core: Core, input: ApiInput<M>, ctx: Ctx & { progress: (done: number, total: number) => void }) => Promise<Change<ApiOutput<M>>>,
): Handler<M> {
  return (core, input) => {
    const at = isoNow(core.now());
    return longWrite(core, label, async (progress) => {
      const { result, audit } = await change(core, input, { at, progress });
      if (audit) appendAudit(core.db, { ...audit, at, actor: core.actor });
      return result;
    });
  };
}
