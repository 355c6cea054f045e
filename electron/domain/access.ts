// Who may call what in office mode (issue 19). One table, METHOD_ACCESS, names for EVERY API method what it
// needs; the host checks it before dispatch (server/host.ts), and tests/integration/office-access.test.ts walks
// every method × role against a real host. A method added to api.ts without a line here does not compile.
//
// Needs, from least to most:
//   read    any signed-in account (every role reads every ledger: the year-end report needs them all)
//   ledger  write records of the ledger named by the input's `kind`: 承办人 and 审核人 for the ledgers granted to
//           them (users.ledgers), 管理员 for all; 只读 never
//   upload  continue an attachment upload begun with attach.begin (which needed `ledger` for its record): any
//           account but 只读; the core lets only the account that began it go on (core/attachments.ts)
//   office  the office's year-end material (indicators, materials, report template): 审核人 and 管理员
//   admin   the file itself and the accounts (settings, backups, 还原, 彻底删除, holidays, users, the log): 管理员
// Grants are per ledger for writing only; reading is not split by ledger (the roles are about who
// changes what, and every 科室 reads the others' ledgers for the report).

import type { ApiMethod, UserRole } from './api';
import type { LedgerKind } from './fields';
import { isLedgerKind } from './ledgers';

export type Need = 'read' | 'ledger' | 'upload' | 'office' | 'admin';

export const METHOD_ACCESS: Record<ApiMethod, Need> = {
  'app.info': 'read',
  'app.progress': 'read',
  'app.log': 'admin',
  'ledger.create': 'ledger',
  'ledger.update': 'ledger',
  'ledger.delete': 'ledger',
  'ledger.restore': 'ledger',
  'ledger.get': 'read',
  'ledger.list': 'read',
  'ledger.ids': 'read',
  'ledger.preview': 'read',
  'ledger.suggest': 'read',
  'ledger.nextCaseNo': 'read',
  'ledger.import': 'ledger',
  'ledger.purge': 'admin',
  'exchange.preview': 'read',
  // kind indicator/material: office (accessAllowed)
  'exchange.import': 'ledger',
  'exchange.export': 'read',
  'exchange.template': 'read',
  'exchange.imports': 'read',
  'caseDocs.list': 'read',
  'caseDocs.file': 'read',
  'caseDocs.receipt': 'read',
  'caseDocs.template': 'read',
  'caseDocs.preview': 'read',
  'caseDocs.generate': 'ledger',
  'caseDocs.addService': 'ledger',
  'caseDocs.deleteService': 'ledger',
  // the office's wording of a 文书 kind, like the report's template
  'caseDocs.saveTemplate': 'office',
  'caseDocs.uploadTemplate': 'office',
  // an undo names an import, not a ledger, and can touch rows others edited since it was checked: the administrator
  'exchange.undoImport': 'admin',
  'report.readiness': 'read',
  'report.keys': 'read',
  'report.preview': 'read',
  'report.template': 'read',
  'report.templateVersion': 'read',
  'report.saveTemplate': 'office',
  'report.checkDocx': 'read',
  'report.generate': 'read',
  'stats.year': 'read',
  'stats.export': 'read',
  'stats.monthly': 'read',
  'outgoing.catalogue': 'read',
  'outgoing.statsForm': 'read',
  'deadlines.board': 'read',
  'deadlines.dismiss': 'ledger',
  'deadlines.restore': 'ledger',
  'settings.get': 'read',
  'settings.update': 'admin',
  'indicators.list': 'read',
  'indicators.set': 'office',
  'materials.list': 'read',
  'materials.set': 'office',
  'audit.list': 'read',
  'audit.export': 'read',
  'backup.list': 'admin',
  'backup.create': 'admin',
  'backup.restore': 'admin',
  'calendar.years': 'read',
  'calendar.addYear': 'admin',
  'case.get': 'read',
  'case.addParty': 'ledger',
  'case.updateParty': 'ledger',
  'case.deleteParty': 'ledger',
  'case.addSuspension': 'ledger',
  'case.updateSuspension': 'ledger',
  'case.deleteSuspension': 'ledger',
  'attach.list': 'read',
  'attach.read': 'read',
  'attach.catalogue': 'read',
  'attach.archive': 'read',
  'attach.stats': 'read',
  'attach.bin': 'read',
  'attach.begin': 'ledger',
  'attach.chunk': 'upload',
  'attach.finish': 'upload',
  'attach.cancel': 'upload',
  'attach.update': 'ledger',
  'attach.reorder': 'ledger',
  'attach.delete': 'ledger',
  'attach.restore': 'ledger',
  'attach.purge': 'admin',
  'units.list': 'read',
  'units.status': 'read',
  'units.preview': 'read',
  // the tree, the office's 上报 and what comes in from below are the whole file's business: the administrator
  'units.add': 'admin',
  'units.update': 'admin',
  'units.package': 'admin',
  'units.receive': 'admin',
  'users.list': 'read',
  'users.create': 'admin',
  'users.update': 'admin',
};

export interface AccessUser {
  role: UserRole;
  ledgers: readonly LedgerKind[];
}

/** Whether `user` may call `method` with `input`: null when allowed, else the Chinese reason. */
export function accessRefusal(user: AccessUser, method: ApiMethod, input: unknown): string | null {
  const need = METHOD_ACCESS[method];
  if (user.role === '管理员' || need === 'read') return null;
  if (need === 'admin') return `“${user.role}”账号不能进行此操作，只有管理员可以`;
  if (user.role === '只读') return '只读账号只能查看，不能修改';
  if (need === 'upload') return null;
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (need === 'office' || (method === 'exchange.import' && !isLedgerKind(kind))) {
    return user.role === '审核人' ? null : '年度指标、素材和报告模板只有审核人或管理员可以修改';
  }
  if (typeof kind === 'string' && isLedgerKind(kind) && user.ledgers.includes(kind)) return null;
  return '您的账号没有修改这本台账的权限，请联系管理员授权';
}
