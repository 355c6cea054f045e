// Global search (Ctrl+K): the same words in every ledger at once, results grouped by ledger; ↑↓ choose, Enter opens.
import { Empty, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { RecordView } from '../../../electron/domain/api';
import { SEARCH_RECENT } from '../../../electron/domain/text';
import type { LedgerKind } from '../../../electron/domain/fields';
import { LEDGERS, LEDGER_KINDS } from '../../../electron/domain/ledgers';
import { call } from '../api';
import { recordHref } from '../router';
import { showValue } from '../format';

interface Group {
  kind: LedgerKind;
  rows: RecordView[];
  total: number;
  /** a one-character search looked only among this many newest records of the ledger */
  within?: number;
}

const PER_KIND = 5;
/**
 * A single character (a surname: 王) is in no trigram of the search index: it is looked for among each ledger's
 * RECENT most recently entered records only, newest first, which keeps it under 50 ms at 1,000,000 rows on a busy
 * machine (docs/performance.md, issue 16). Two characters and more search every record.
 */
const RECENT = SEARCH_RECENT;

function subtitle(kind: LedgerKind, r: RecordView): string {
  const def = LEDGERS[kind];
  return def.defaultColumns
    .filter((k) => k !== def.titleField)
    .slice(0, 3)
    .map((k) =>
      showValue(
        def.fields.find((f) => f.key === k),
        r.values[k],
      ),
    )
    .join(' · ');
}

export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; groups: Group[]; error?: string } | null>(null);
  const [active, setActive] = useState(0);
  const query = q.trim();

  useEffect(() => {
    if (!open || !query) return;
    let live = true;
    const t = setTimeout(() => {
      Promise.all(
        LEDGER_KINDS.map((kind) =>
          call('ledger.list', { kind, q: query, pageSize: PER_KIND, recent: RECENT }).then((r) => ({ kind, rows: r.rows, total: r.total, within: r.within })),
        ),
      )
        .then((groups) => live && (setResult({ q: query, groups: groups.filter((g) => g.total > 0) }), setActive(0)))
        .catch((e: Error) => live && setResult({ q: query, groups: [], error: e.message }));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [open, query]);

  const flat = useMemo(() => (result && result.q === query ? result.groups.flatMap((g) => g.rows.map((r) => ({ kind: g.kind, r }))) : []), [result, query]);
  const loading = !!query && (!result || result.q !== query);

  const go = (i: number) => {
    const hit = flat[i];
    if (!hit) return;
    window.location.hash = recordHref(hit.kind, hit.r.id).slice(1);
    onClose();
  };

  let index = -1;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="全局搜索" width={720} destroyOnHidden afterOpenChange={(o) => !o && setQ('')}>
      <Input.Search
        autoFocus
        placeholder="输入案号、名称、当事人等，在全部台账中搜索"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, flat.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(active);
          }
        }}
        data-testid="search-input"
      />
      <div style={{ maxHeight: 420, overflow: 'auto', marginTop: 12 }} data-testid="search-results">
        {!query ? (
          <Typography.Text type="secondary">{`可搜索六本台账中的文字内容；两个字及以上查全部记录，只输入一个字时只查每本台账最近录入的 ${RECENT} 条记录。按 ↑ ↓ 选择，回车打开。`}</Typography.Text>
        ) : loading ? (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <Spin tip="正在搜索…">
              <div style={{ height: 40 }} />
            </Spin>
          </div>
        ) : result?.error ? (
          <Typography.Text type="danger">{result.error}</Typography.Text>
        ) : !flat.length ? (
          <Empty
            description={`没有找到包含“${query}”的记录${[...query].length < 2 ? `（单字只在每本台账最近录入的 ${RECENT} 条记录中查找，输入两个字以上可查全部）` : ''}`}
          />
        ) : (
          result!.groups.map((g) => (
            <div key={g.kind} style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {LEDGERS[g.kind].shortName}
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                  {g.within ? `在最近录入的 ${g.within} 条中找到 ` : '共 '}
                  {g.total} 条{g.total > PER_KIND ? `，显示前 ${PER_KIND} 条` : ''}
                </Typography.Text>
              </Typography.Text>
              {g.rows.map((r) => {
                index++;
                const i = index;
                const title = showValue(undefined, r.values[LEDGERS[g.kind].titleField]);
                return (
                  <div
                    key={r.id}
                    role="option"
                    aria-selected={i === active}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => go(i)}
                    style={{ padding: '6px 10px', cursor: 'pointer', borderRadius: 4, background: i === active ? '#e8eef7' : undefined }}
                  >
                    <Tag color="blue">{LEDGERS[g.kind].shortName}</Tag>
                    <span>{title}</span>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {subtitle(g.kind, r)}
                    </Typography.Text>
                  </div>
                );
              })}
            </div>
          ))
        )}
      </div>
    </Modal>
  );
}
