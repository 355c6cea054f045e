import { initial } from './001_initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The static, ordered list. Append only; never edit a released entry. */
export const MIGRATIONS: Migration[] = [{ version: 1, name: '初始结构', sql: initial }];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
