import type { LedgerDef, LedgerKind } from '../fields';
import { casefile } from './casefile';
import { contract } from './contract';
import { decision } from './decision';
import { litigation } from './litigation';
import { normative } from './normative';
import { reconsideration } from './reconsideration';

export const LEDGERS: Record<LedgerKind, LedgerDef> = { normative, decision, contract, reconsideration, litigation, casefile };
export const LEDGER_KINDS = Object.keys(LEDGERS) as LedgerKind[];

export function isLedgerKind(k: unknown): k is LedgerKind {
  return typeof k === 'string' && Object.hasOwn(LEDGERS, k);
}
