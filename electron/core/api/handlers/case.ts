// API handlers for the case file of 行政复议/行政应诉: parties and 中止 periods (DOMAIN.md §11). A case received
// in a unit's 数据包 is read-only here (units.ts refuseForeign).

import { addParty, addSuspension, caseFileView, deleteParty, deleteSuspension, updateParty, updateSuspension } from '../../case-file';
import { refuseForeign } from '../../units';
import type { AreaHandlers } from './area';

export const caseHandlers: AreaHandlers<'case'> = {
  'case.get': (core, { kind, id }) => caseFileView(core, kind, id),
  'case.addParty': (core, { kind, id, party }) => (refuseForeign(core.db, kind, [id]), addParty(core, kind, id, party)),
  'case.updateParty': (core, { kind, id, partyId, party }) => (refuseForeign(core.db, kind, [id]), updateParty(core, kind, id, partyId, party)),
  'case.deleteParty': (core, { kind, id, partyId }) => (refuseForeign(core.db, kind, [id]), deleteParty(core, kind, id, partyId)),
  'case.addSuspension': (core, { id, period }) => (refuseForeign(core.db, 'reconsideration', [id]), addSuspension(core, id, period)),
  'case.updateSuspension': (core, { id, periodId, period }) => (refuseForeign(core.db, 'reconsideration', [id]), updateSuspension(core, id, periodId, period)),
  'case.deleteSuspension': (core, { id, periodId }) => (refuseForeign(core.db, 'reconsideration', [id]), deleteSuspension(core, id, periodId)),
};
