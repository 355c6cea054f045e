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

/** A package handed in through the API (base64) is put in a temporary folder and read from there. */
function withTempFile<T>(name: string, content: Buffer | null, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-units-'));
  const file = path.join(dir, path.basename(name) || 'package.fzpkg');
  try {
    if (content) fs.writeFileSync(file, content);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function receive(core: Core, fileName: string, content: string, dryRun: boolean) {
  return withTempFile(fileName, fileBytes(content), (file) => receivePackage(core, file, { dryRun }));
}

export const unitsHandlers: AreaHandlers<'units'> = {
  'units.list': (core) => ({ units: listUnits(core.db), received: hasReceived(core.db) }),
  'units.add': (core, input) => addUnit(core, input),
  'units.update': (core, input) => updateUnit(core, input),
  'units.package': (core, { from, to }) =>
    withTempFile('package.fzpkg', null, (file) => {
      const r = writePackage(core, from, to, file);
      return { fileName: r.fileName, content: fs.readFileSync(file).toString('base64'), manifest: r.manifest };
    }),
  'units.preview': (core, { fileName, content }) => receive(core, fileName, content, true),
  'units.receive': (core, { fileName, content }) => receive(core, fileName, content, false),
  'units.status': (core, { year }) => unitStatus(core, year),
};
