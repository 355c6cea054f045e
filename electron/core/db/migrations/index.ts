import type Database from 'better-sqlite3';
import { initial } from './001_initial';
import { searchAndFigures } from './002_search_and_figures';
import { reportTemplates } from './003_report_templates';
import { listFilters } from './004_list_filters';
import { batchIndexing } from './005_batch_indexing';
import { importMappings } from './006_import_mappings';
import { backfillCaseNoSort, deskDetails } from './007_desk_details';
import { backfillFilingDue, warningsAndSuggestions } from './008_warnings_and_suggestions';
import { pagingIndexes } from './009_paging_indexes';
import { caseFile } from './010_case_file';
import { importUndo } from './011_import_undo';
import { caseDocs } from './012_case_docs';
import { attachments } from './013_attachments';
import { officeAccounts } from './014_office_accounts';
import { ownUnitName, units } from './015_units';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** a step in TypeScript after the SQL, in the same transaction (filling a new column from existing rows) */
  run?: (db: Database.Database) => void;
}

/** The static, ordered list. Append only; never edit a released entry. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: '初始结构', sql: initial },
  { version: 2, name: '统计覆盖索引、待办期限索引与在用记录检索', sql: searchAndFigures },
  { version: 3, name: '年度报告模板的版本', sql: reportTemplates },
  { version: 4, name: '台账列表常用筛选进入年度索引', sql: listFilters },
  { version: 5, name: '批量导入一次建立检索索引', sql: batchIndexing },
  { version: 6, name: '导入时选定的列和取值对应关系', sql: importMappings },
  { version: 7, name: '案号按年度和序号排序、期限不再提醒、看板按承办人筛选', sql: deskDetails, run: backfillCaseNoSort },
  { version: 8, name: '报备期限、评估提醒、司法建议与检察建议的收到和回复日期', sql: warningsAndSuggestions, run: backfillFilingDue },
  { version: 9, name: '按日期排序和翻到深页的分页索引', sql: pagingIndexes },
  { version: 10, name: '复议与应诉案卷：当事人、中止期间、程序期限', sql: caseFile },
  { version: 11, name: '导入可以撤销：每次导入写了哪些记录、改之前的内容', sql: importUndo },
  { version: 12, name: '复议与应诉案卷：文书模板、文书登记与送达', sql: caseDocs },
  { version: 13, name: '电子卷宗：记录的附件', sql: attachments },
  { version: 14, name: '单位服务器：账号、角色、操作日志记录账号、协办人', sql: officeAccounts },
  { version: 15, name: '填报单位、单位树与上报数据包', sql: units, run: ownUnitName },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
