// Hash routing without a dependency: `#/<path>?<query>`. The ledger pages live at `#/ledger/<kind>` and read
// their own query: `id=<record id>` opens that record; any other key that is a field key of the kind filters on
// it — `a,b` means any of the values, `from..to` a range of dates or numbers, `是`/`否` a yes/no field; `year`
// limits to that year of the ledger's ★ date (`year=all`: every year; absent: the header's year). The 工作台
// charts link this way, e.g. `#/ledger/reconsideration?year=all&actType=行政处罚&receivedOn=2025-01-01..2025-12-31`.
import { useSyncExternalStore } from 'react';

export interface Route {
  /** path segments: `#/ledger/contract` → ['ledger', 'contract'] */
  parts: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const [p, q = ''] = h.split('?');
  const parts = p
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { parts, query: new URLSearchParams(q) };
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

/** Build `#/path?query` from a path and query values (empty values left out). */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#${path.startsWith('/') ? path : `/${path}`}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | number | undefined | null> = {}): void {
  window.location.hash = href(path, query).slice(1);
}

/** The link to one record (its page belongs to the ledger pages). */
export function recordHref(kind: string, id: string): string {
  return href(`/ledger/${kind}`, { id });
}
