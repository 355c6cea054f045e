// Import and export of ledgers (.xlsx, .csv, .json) by the canonical Chinese headers.
// (Being written: see docs/decisions.md — this placeholder keeps the API compiling.)
import type { ImportReport } from '../../domain/api';
import type { Row } from '../../domain/fields';
import type { Core } from '../core';
import { AppError } from '../errors';

export type ExchangeKind = import('../../domain/fields').LedgerKind | 'indicator' | 'material';

export async function importFile(core: Core, kind: ExchangeKind, fileName: string, bytes: Buffer, opts: { dryRun?: boolean }): Promise<ImportReport & { sample: Row[] }> {
  void core; void kind; void fileName; void bytes; void opts;
  throw new AppError('INTERNAL', '导入功能尚未完成');
}

export async function exportFile(core: Core, kind: ExchangeKind, format: 'xlsx' | 'csv' | 'json', opts: { year?: number; ids?: string[] }): Promise<{ fileName: string; bytes: Buffer; count: number }> {
  void core; void kind; void format; void opts;
  throw new AppError('INTERNAL', '导出功能尚未完成');
}

export async function templateFile(kind: ExchangeKind): Promise<{ fileName: string; bytes: Buffer }> {
  void kind;
  throw new AppError('INTERNAL', '模板功能尚未完成');
}
