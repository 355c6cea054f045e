// The handler map: one function per API method, `area.verb`, gathered from one module per area (./handlers/).
// Inputs arrive already checked by the zod schemas of domain/api.ts (see ./dispatch.ts). A new method goes into
// the module of its prefix; a new prefix gets a module of its own, spread here.

import { appHandlers } from './handlers/app';
import type { Handlers } from './handlers/area';
import { attachHandlers } from './handlers/attach';
import { caseHandlers } from './handlers/case';
import { caseDocsHandlers } from './handlers/case-docs';
import { exchangeHandlers } from './handlers/exchange';
import { ledgerHandlers } from './handlers/ledger';
import { reportHandlers } from './handlers/report';
import { safetyHandlers } from './handlers/safety';
import { settingsHandlers } from './handlers/settings';
import { statsHandlers } from './handlers/stats';
import { usersHandlers } from './handlers/users';
import { unitsHandlers } from './handlers/units';

export type { Handlers };

export const handlers: Handlers = {
  ...appHandlers,
  ...caseHandlers,
  ...caseDocsHandlers,

  ...attachHandlers,
  ...ledgerHandlers,
  ...exchangeHandlers,
  ...reportHandlers,
  ...statsHandlers,
  ...safetyHandlers,
  ...settingsHandlers,
  ...usersHandlers,
  ...unitsHandlers,
};
