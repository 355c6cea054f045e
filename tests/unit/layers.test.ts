// The layer rules of docs/architecture.md are enforced by ESLint; this proves the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer rules', () => {
  it('domain imports no Node module, no core and no electron', async () => {
    expect(await restricted('electron/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toBe(true);
    expect(await restricted('electron/domain/x.ts', "import { openCore } from '../core/core';\nexport const a = openCore;\n")).toBe(true);
    expect(await restricted('electron/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toBe(false);
  });

  it('only main imports electron', async () => {
    expect(await restricted('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(true);
    expect(await restricted('electron/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(true);
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(false);
  });

  it('renderer imports only domain', async () => {
    expect(await restricted('renderer/src/x.ts', "import { openCore } from '../../electron/core/core';\nexport const a = openCore;\n")).toBe(true);
    expect(await restricted('renderer/src/x.ts', "import { LEDGERS } from '../../electron/domain/ledgers';\nexport const a = LEDGERS;\n")).toBe(false);
  });
});
