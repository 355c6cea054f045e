// API handlers for units (填报单位) and 数据包 (issue 20): the unit tree, 上报 (a package of the own unit),
// a package's preview and its receiving, and who has sent their package for a year.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileBytes } from '../../exchange';
import { addUnit, hasReceived, listUnits, updateUnit } from '../../units';
import { receivePackage, unitStatus, writePackage } from '../../units-package';
import type { Core } from '../../core';
import type { AreaHandlers } from './area';

/**
 * A package handed in through the API (base64) is put in a temporary folder and read from there, under a name
 * of ours (the name the user's file had is only shown, never used as a path).
 */
function withTempFile<T>(content: Buffer | null, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-units-'));
  const file = path.join(dir, 'package.fzpkg');
  try {
    if (content) fs.writeFileSync(file, content);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function receive(core: Core, content: string, dryRun: boolean) {
  return withTempFile(fileBytes(content), (file) => receivePackage(core, file, { dryRun }));
}

export const unitsHandlers: AreaHandlers<'units'> = {
  'units.list': (core) => ({ units: listUnits(core.db), received: hasReceived(core.db) }),
  'units.add': (core, input) => addUnit(core, input),
  'units.update': (core, input) => updateUnit(core, input),
  'units.package': (core, { from, to }) =>
    withTempFile(null, (file) => {
      const r = writePackage(core, from, to, file);
      return { fileName: r.fileName, content: fs.readFileSync(file).toString('base64'), manifest: r.manifest };
    }),
  'units.preview': (core, { content }) => receive(core, content, true),
  'units.receive': (core, { content }) => receive(core, content, false),
  'units.status': (core, { year }) => unitStatus(core, year),
};
