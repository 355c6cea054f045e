import type Database from 'better-sqlite3';
import { initial } from './001_initial';
import { searchAndFigures } from './002_search_and_figures';
import { reportTemplates } from './003_report_templates';
import { listFilters } from './004_list_filters';
import { batchIndexing } from './005_batch_indexing';
import { backfillCaseNoSort, deskDetails } from './007_desk_details';
import { pagingIndexes } from './009_paging_indexes';

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
  // integrator: renumber to 7 after h-imp's 006
  { version: 6, name: '案号按年度和序号排序、期限不再提醒、看板按承办人筛选', sql: deskDetails, run: backfillCaseNoSort },
  // integrator: renumber to 9
  { version: 7, name: '按日期排序和翻到深页的分页索引', sql: pagingIndexes },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
