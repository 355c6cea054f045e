// The route `#/ledger/<kind>`: the ledger page (LedgerView.tsx), drawn from the kind's declaration.
import type { LedgerKind } from '../../../../electron/domain/fields';
import LedgerView from './LedgerView';

export default function LedgerPage({ kind }: { kind: LedgerKind }) {
  return <LedgerView kind={kind} />;
}
