// The API side of the hostile corpus (tests/integration/hostile-sheets.test.ts), in a child process of its own:
// a fresh data file, then exchange.preview (the dry run the window shows) and exchange.import of one file through
// dispatch, as the window and browser mode call them. Prints one JSON line: both results, the peak RSS and the
// time taken; exits 0 when the file was imported, 1 when it was refused or had problems.

import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/core';

const [file, kind, db] = process.argv.slice(2);
const started = performance.now();
const core = await openCore(db, { create: true, actor: '测试' });
const input = { kind, fileName: path.basename(file), content: fs.readFileSync(file).toString('base64') };
const preview = await dispatch(core, 'exchange.preview', input);
const imported = await dispatch(core, 'exchange.import', input);
core.close();
const trim = (r: typeof preview) => (r.ok ? { ok: true, data: { ...(r.data as object), sample: undefined } } : r);
process.stdout.write(
  `${JSON.stringify({ preview: trim(preview), imported: trim(imported), maxRssKb: process.resourceUsage().maxRSS, ms: performance.now() - started })}\n`,
);
const done = imported.ok && !(imported.data as { errors: string[] }).errors.length;
process.exitCode = done ? 0 : 1;
