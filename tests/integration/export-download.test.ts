// Browser mode's download of an export (issue 16): `POST /api/exchange.export?as=file` answers with the file
// itself — written by the core into a temporary file (an .xlsx streams) and streamed out — instead of base64 in
// JSON, behind the same guards as every call (token, Host, JSON body). Small exports keep the JSON answer.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGERS } from '../../electron/domain/ledgers';
import { startServer, type RunningServer } from '../../electron/server/index';
import { call, tempDir } from '../helpers/db';
import { FULL } from '../helpers/full-rows';

let srv: RunningServer;

function post(pathname: string, body: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: pathname,
        headers: { Host: `127.0.0.1:${srv.port}`, 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const dir = tempDir('fazhi-download-test-');
  fs.mkdirSync(path.join(dir, 'renderer'));
  srv = await startServer({ db: path.join(dir, 'data.db'), port: 0, rendererDir: path.join(dir, 'renderer'), create: true, autoBackup: false });
  for (const reviewedOn of ['2025-05-02', '2025-01-09', '2024-12-31']) {
    await call(srv.core, 'ledger.create', { kind: 'casefile', values: { ...FULL.casefile, reviewedOn, unit: '=1+1' } });
  }
});

afterAll(async () => {
  await srv?.close();
});

describe('browser mode: an export as a download', () => {
  it('answers with the .xlsx itself: its name, the count, the rows of the year in order, dates as date cells', async () => {
    const r = await post('/api/exchange.export?as=file', JSON.stringify({ kind: 'casefile', format: 'xlsx', year: 2025 }), { 'X-Fazhi-Token': srv.token });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(decodeURIComponent(String(r.headers['content-disposition']).replace(/^attachment; filename\*=UTF-8''/, ''))).toBe(
      `${LEDGERS.casefile.name}-2025.xlsx`,
    );
    expect(r.headers['x-fazhi-count']).toBe('2');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    const col = LEDGERS.casefile.fields.findIndex((f) => f.key === 'reviewedOn') + 1;
    expect([2, 3].map((i) => (ws.getRow(i).getCell(col).value as Date).toISOString().slice(0, 10))).toEqual(['2025-01-09', '2025-05-02']);
    expect(ws.getRow(2).getCell(LEDGERS.casefile.fields.findIndex((f) => f.key === 'unit') + 1).value).toBe("'=1+1");
  });

  it('CSV too, byte for byte what the JSON answer carries', async () => {
    const input = JSON.stringify({ kind: 'casefile', format: 'csv' });
    const file = await post('/api/exchange.export?as=file', input, { 'X-Fazhi-Token': srv.token });
    const json = JSON.parse((await post('/api/exchange.export', input, { 'X-Fazhi-Token': srv.token })).body.toString('utf8')) as {
      ok: true;
      data: { content: string; count: number };
    };
    expect(json.data.count).toBe(3);
    expect(file.body.equals(Buffer.from(json.data.content, 'base64'))).toBe(true);
  });

  it('keeps the guards: no token is 401, bad input is the JSON refusal, and nothing is written', async () => {
    const none = await post('/api/exchange.export?as=file', JSON.stringify({ kind: 'casefile', format: 'xlsx' }), {});
    expect(none.status).toBe(401);
    expect(none.body.toString('utf8')).not.toContain('PK');
    const bad = await post('/api/exchange.export?as=file', JSON.stringify({ kind: 'casefile', format: 'xls' }), { 'X-Fazhi-Token': srv.token });
    expect(bad.status).toBe(200);
    const r = JSON.parse(bad.body.toString('utf8')) as { ok: boolean; error: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toContain('format');
  });
});
