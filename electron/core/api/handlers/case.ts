// API handlers for the case file of 行政复议/行政应诉: parties and 中止 periods (DOMAIN.md §11).

import { addParty, addSuspension, caseFileView, deleteParty, deleteSuspension, updateParty, updateSuspension } from '../../case-file';
import type { AreaHandlers } from './area';

export const caseHandlers: AreaHandlers<'case'> = {
  'case.get': (core, { kind, id }) => caseFileView(core, kind, id),
  'case.addParty': (core, { kind, id, party }) => addParty(core, kind, id, party),
  'case.updateParty': (core, { kind, id, partyId, party }) => updateParty(core, kind, id, partyId, party),
  'case.deleteParty': (core, { kind, id, partyId }) => deleteParty(core, kind, id, partyId),
  'case.addSuspension': (core, { id, period }) => addSuspension(core, id, period),
  'case.updateSuspension': (core, { id, periodId, period }) => updateSuspension(core, id, periodId, period),
  'case.deleteSuspension': (core, { id, periodId }) => deleteSuspension(core, id, periodId),
};
