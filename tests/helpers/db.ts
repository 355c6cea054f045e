// Test helpers: a real data file in a fresh temporary folder, opened through the real migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { dispatch } from '../../electron/core/api/dispatch';
import type { ApiInput, ApiMethod, ApiOutput } from '../../electron/domain/api';

export function tempDir(prefix = 'fazhi-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function tempCore(opts: CoreOptions = {}): Promise<Core & { dir: string }> {
  const dir = tempDir();
  const core = await openCore(path.join(dir, 'ledger.db'), { create: true, actor: '测试', ...opts });
  return Object.assign(core, { dir });
}

/** Call the API and fail the test with the Chinese message if it did not succeed. */
export async function call<M extends ApiMethod>(core: Core, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await dispatch(core, method, input);
  if (!r.ok) throw new Error(`${method} 失败：${r.error.code} ${r.error.message}`);
  return r.data as ApiOutput<M>;
}

/** Call the API expecting a failure; returns the error. */
export async function callFail(core: Core, method: string, input: unknown): Promise<{ code: string; message: string; details?: unknown }> {
  const r = await dispatch(core, method, input);
  if (r.ok) throw new Error(`${method} 本应失败，却成功了`);
  return r.error;
}
