// What the case card and a ledger page look like on paper (A4; print.css). The card holds every field by section,
// and for a 复议/应诉 case its parties and 案件进程; for any record, its 卷内目录 (the live attachments in order).
import { useCallback, useEffect, useState } from 'react';
import type { AttachmentsView, CaseFileView, RecordView } from '../../../electron/domain/api';
import { formatBytes } from '../../../electron/domain/attachments';
import { isCaseKind } from '../../../electron/domain/case-file';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS } from '../../../electron/domain/ledgers';
import { showValue } from '../format';
import { call } from '../api';
import { SECTIONS } from '../pages/ledger/RecordForm';
import { PrintSheet, usePrinting, usePrintRefresh } from './PrintSheet';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
};

export function cardTitle(kind: LedgerKind, rec: RecordView): string {
  const def = LEDGERS[kind];
  const t = rec.values[def.titleField];
  return `${def.shortName}${isCaseKind(kind) ? '案件' : ''}卡片${typeof t === 'string' && t ? `（${t}）` : ''}`;
}

export function CaseCardSheet({ kind, rec }: { kind: LedgerKind; rec: RecordView }) {
  const def = LEDGERS[kind];
  const [more, setMore] = useState<{ caseFile: CaseFileView | null; files: AttachmentsView } | null>(null);
  // parties, timeline and attachments change in the drawer's other tabs: loaded again before printing
  const load = useCallback(async () => {
    const [caseFile, files] = await Promise.all([isCaseKind(kind) ? call('case.get', { kind, id: rec.id }) : null, call('attach.list', { kind, id: rec.id })]);
    setMore({ caseFile, files });
  }, [kind, rec.id, rec.version]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    // set when the answer arrives, not synchronously (the browser's own 打印 then finds the data loaded)
    // eslint-disable-next-line react-hooks/set-state-in-effect
    load().catch(() => undefined);
  }, [load]);
  usePrintRefresh(load);
  const caseFile = { data: more?.caseFile };
  const files = { data: more?.files };
  const printing = usePrinting();
  if (!printing) return null;
  const title = rec.values[def.titleField];
  return (
    <PrintSheet sheet="card">
      <h1>
        {def.shortName}
        {isCaseKind(kind) ? '案件' : '事项'}卡片
      </h1>
      <div className="print-sub">
        {typeof title === 'string' ? `${title}\u3000` : ''}
        {`打印日期：${today()}`}
      </div>
      {SECTIONS.map((s) => {
        const fs = def.fields.filter((f) => f.section === s);
        if (!fs.length) return null;
        // two fields a row; a long text takes a whole row
        const rows: (typeof fs)[] = [];
        for (const f of fs) {
          const last = rows.at(-1);
          if (f.type !== 'longtext' && last && last.length === 1 && last[0].type !== 'longtext') last.push(f);
          else rows.push([f]);
        }
        return (
          <section key={s}>
            <h2>{s}</h2>
            <table>
              <tbody>
                {rows.map((r) => (
                  <tr key={r[0].key}>
                    {r.map((f) => [
                      <td key={`${f.key}-l`} className="print-label">
                        {f.label}
                      </td>,
                      <td key={f.key} colSpan={r.length === 1 ? 3 : 1}>
                        {showValue(f, rec.values[f.key])}
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      {caseFile.data && caseFile.data.parties.length ? (
        <section>
          <h2>当事人</h2>
          <table>
            <thead>
              <tr>
                <th style={{ width: '12%' }}>身份</th>
                <th style={{ width: '14%' }}>类型</th>
                <th style={{ width: '22%' }}>姓名或名称</th>
                <th style={{ width: '22%' }}>证件号码</th>
                <th>住址、电话</th>
              </tr>
            </thead>
            <tbody>
              {caseFile.data.parties.map((p) => (
                <tr key={p.id}>
                  <td>{p.role}</td>
                  <td>{p.partyType ?? ''}</td>
                  <td>{p.name}</td>
                  <td>{p.idNo ?? ''}</td>
                  <td>{[p.address, p.phone].filter(Boolean).join('\u3000')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {caseFile.data && caseFile.data.timeline.length ? (
        <section>
          <h2>案件进程</h2>
          <table>
            <thead>
              <tr>
                <th style={{ width: '16%' }}>日期</th>
                <th style={{ width: '40%' }}>节点</th>
                <th>起算的期限</th>
              </tr>
            </thead>
            <tbody>
              {caseFile.data.timeline.map((t, i) => (
                <tr key={i}>
                  <td>{t.date}</td>
                  <td>{t.label}</td>
                  <td>{t.starts ? `${t.starts.label}：${t.starts.dueOn}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {files.data && files.data.live.length ? (
        <section>
          <h2>卷内目录</h2>
          <table>
            <thead>
              <tr>
                <th style={{ width: '9%' }}>卷别</th>
                <th style={{ width: '7%' }}>序号</th>
                <th>题名（文件名）</th>
                <th style={{ width: '15%' }}>类别</th>
                <th style={{ width: '12%' }}>大小</th>
              </tr>
            </thead>
            <tbody>
              {files.data.live.map((a, i, all) => (
                <tr key={a.id}>
                  <td>{a.volume}</td>
                  <td>{all.slice(0, i + 1).filter((x) => x.volume === a.volume).length}</td>
                  <td>{a.name}</td>
                  <td>{a.role}</td>
                  <td>{formatBytes(a.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </PrintSheet>
  );
}

/** The ledger's current page as shown (its columns, its rows), with the scope line. */
export function LedgerPageSheet({ kind, columns, rows, scope }: { kind: LedgerKind; columns: string[]; rows: readonly RecordView[]; scope: string }) {
  const printing = usePrinting();
  if (!printing) return null;
  const def = LEDGERS[kind];
  const fields = columns.map((k) => def.fields.find((f) => f.key === k)).filter((f) => !!f);
  return (
    <PrintSheet sheet="ledger">
      <h1>{def.name}</h1>
      <div className="print-sub">{`${scope}\u3000打印日期：${today()}`}</div>
      <table>
        <thead>
          <tr>
            <th style={{ width: '5%' }}>序号</th>
            {fields.map((f) => (
              <th key={f.key}>{f.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <td>{i + 1}</td>
              {fields.map((f) => (
                <td key={f.key}>{showValue(f, r.values[f.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="print-foot">本页 {rows.length} 条</div>
    </PrintSheet>
  );
}
