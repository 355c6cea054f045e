// Office mode in the page (issue 19): the page is served by a host (`fazhi serve --host`) to a signed-in colleague.
// Known by the CSRF cookie the host sets at sign-in (script-readable by design, SameSite=Strict: only this origin
// sees it); on the desktop and in loopback browser mode there is none and nothing here does anything.
// - every API POST carries the cookie's value in X-Fazhi-CSRF (api.ts);
// - the account (name, role, write grants) comes from /auth/state; a 只读 account gets the read-only page;
// - the host's server-sent events (/events) say when a colleague saved something: pages listening with
//   onDataChanged reload their list — no screen polls;
// - losing the host is shown at once (the event stream breaks, or a call cannot connect); the form's typing is
//   kept as a draft all along (ledger/drafts.ts), so nothing typed is lost while the host is away.
import { useEffect, useState } from 'react';
import type { UserView } from '../../electron/domain/api';
import type { LedgerKind } from '../../electron/domain/fields';
import { call } from './api';
import { CONNECTION, CSRF_HEADER, csrfToken } from './office-session';

export const isOfficeMode = (): boolean => csrfToken() !== null;

export interface OfficeState {
  user: UserView;
  fingerprint: string;
  /** false while the host cannot be reached */
  connected: boolean;
}

const CHANGED = 'fazhi:changed';

/** A colleague saved something (kind: the ledger, when the change was to one). Returns the unsubscribe. */
export function onDataChanged(cb: (e: { method: string; kind: LedgerKind | null; by: string }) => void): () => void {
  const h = (e: Event) => cb((e as CustomEvent).detail);
  window.addEventListener(CHANGED, h);
  return () => window.removeEventListener(CHANGED, h);
}

let names: Promise<string[]> | null = null;
/** The accounts' names, for 承办人 and 协办人 (office mode only; fetched once per page). */
export function accountNames(): Promise<string[]> {
  names ??= call('users.list', {}).then(
    (r) => r.users.filter((u) => !u.disabled).map((u) => u.name),
    () => [],
  );
  return names;
}

/** Whether the signed-in account may write this ledger (outside office mode: yes). */
export function mayWrite(office: OfficeState | null, kind: LedgerKind): boolean {
  if (!office) return true;
  const { role, ledgers } = office.user;
  return role === '管理员' || (role !== '只读' && ledgers.includes(kind));
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { [CSRF_HEADER]: csrfToken() ?? '' } }).catch(() => undefined);
  window.location.assign('/login');
}

/** The office-mode state of the page (null outside office mode), kept current by the host's event stream. */
export function useOffice(): OfficeState | null {
  const [state, setState] = useState<OfficeState | null>(null);
  useEffect(() => {
    if (!isOfficeMode()) return;
    let live = true;
    void fetch('/auth/state', { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ user?: UserView; fingerprint: string }>)
      .then((s) => {
        if (!live) return;
        if (!s.user) window.location.assign('/login');
        else setState({ user: s.user, fingerprint: s.fingerprint, connected: true });
      })
      .catch(() => live && setState((o) => (o ? { ...o, connected: false } : o)));
    const setConnected = (connected: boolean) => setState((o) => (o && o.connected !== connected ? { ...o, connected } : o));
    // EventSource reconnects by itself; `open` again means the host is back
    const events = new EventSource('/events', { withCredentials: true });
    events.addEventListener('open', () => setConnected(true));
    events.addEventListener('error', () => setConnected(false));
    events.addEventListener('change', (e) => {
      try {
        window.dispatchEvent(new CustomEvent(CHANGED, { detail: JSON.parse((e as MessageEvent<string>).data) }));
      } catch {
        // not ours
      }
    });
    const onConnection = (e: Event) => setConnected((e as CustomEvent<boolean>).detail);
    window.addEventListener(CONNECTION, onConnection);
    return () => {
      live = false;
      events.close();
      window.removeEventListener(CONNECTION, onConnection);
    };
  }, []);
  return state;
}
