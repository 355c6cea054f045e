// A hostile template through the API as the app calls it (dispatch), in a process of its own so the test can
// measure its time and peak memory: `node --import tsx tests/hostile/run-api.ts <db> <mode> <file> [out]`.
//   docx: report.generate with the file as the uploaded Word template (output to `out`)
//   text: report.preview with the file's text as the draft, then report.saveTemplate
// Prints the last result's message (or "OK"); exit 0 when the last call succeeded, 1 when it was refused.
import fs from 'node:fs';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/core';

const [db, mode, file, out] = process.argv.slice(2);
const core = await openCore(db, { create: true, actor: '测试' });
let code: number;
try {
  const say = (r: Awaited<ReturnType<typeof dispatch>>) => process.stdout.write(`${r.ok ? 'OK' : `${r.error.code} ${r.error.message}`}\n`);
  if (mode === 'docx') {
    const content = fs.readFileSync(file).toString('base64');
    const r = await dispatch(core, 'report.generate', { year: 2025, variant: 'web', templateDocx: content, attachment: false });
    say(r);
    if (r.ok && out) fs.writeFileSync(out, Buffer.from((r.data as { content: string }).content, 'base64'));
    code = r.ok ? 0 : 1;
  } else {
    const text = fs.readFileSync(file, 'utf8');
    say(await dispatch(core, 'report.preview', { year: 2025, variant: 'web', template: text }));
    const current = await dispatch(core, 'report.template', {});
    const base = current.ok ? (current.data as { version: number | null }).version : null;
    const r = await dispatch(core, 'report.saveTemplate', { year: 2025, text, base });
    say(r);
    code = r.ok ? 0 : 1;
  }
} finally {
  core.close();
}
process.exitCode = code;
