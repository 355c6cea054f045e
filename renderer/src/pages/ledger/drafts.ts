// Unsaved typing kept in localStorage, per ledger and record ('new' for a new one), so a crash or a closed
// window loses nothing: the form offers it back when the same record (or a new one) is opened again.
import type { LedgerKind, Row } from '../../../../electron/domain/fields';

export interface Draft {
  at: string;
  values: Row;
  manual: string[];
}

const key = (kind: LedgerKind, id: string | null) => `fazhi.draft.${kind}.${id ?? 'new'}`;

export function loadDraft(kind: LedgerKind, id: string | null): Draft | null {
  try {
    const raw = localStorage.getItem(key(kind, id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && d.values && typeof d.values === 'object'
      ? { at: String(d.at), values: d.values, manual: Array.isArray(d.manual) ? d.manual : [] }
      : null;
  } catch {
    return null;
  }
}

export function saveDraft(kind: LedgerKind, id: string | null, values: Row, manual: string[]): void {
  try {
    localStorage.setItem(key(kind, id), JSON.stringify({ at: new Date().toISOString(), values, manual }));
  } catch {
    // storage full or unavailable: the form still works, only without a draft
  }
}

export function dropDraft(kind: LedgerKind, id: string | null): void {
  try {
    localStorage.removeItem(key(kind, id));
  } catch {
    // nothing to do
  }
}
