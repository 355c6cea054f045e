// The route `#/ledger/<kind>`: the ledger page (LedgerView.tsx), drawn from the kind's declaration.
import { useMemo } from 'react';
import type { LedgerKind } from '../../../../electron/domain/fields';
import { AppContext, useApp } from '../../context';
import { mayWrite } from '../../office';
import LedgerView from './LedgerView';

export default function LedgerPage({ kind }: { kind: LedgerKind }) {
  // office mode: a ledger the account may not write is read-only everywhere on its page (list, drawer, form,
  // case file) — the same switch as a damaged file; the host refuses such writes anyway (domain/access.ts)
  const app = useApp();
  const readOnly = app.readOnly || !mayWrite(app.office, kind);
  const value = useMemo(() => ({ ...app, readOnly }), [app, readOnly]);
  return (
    <AppContext.Provider value={value}>
      <LedgerView kind={kind} />
    </AppContext.Provider>
  );
}
