// Data loading through the api client: the answer of one method for one input, with loading and error states;
// and user actions (export, generate, import) with a busy flag and their failure shown as a message.
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../electron/domain/api';
import { call, takeEarlyAnswer } from './api';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** Call `method` with `input` (null = not yet) and again whenever the input changes or `reload()` is called. */
export function useApi<M extends ApiMethod>(method: M, input: ApiInput<M> | null): Loaded<ApiOutput<M>> {
  const [n, setN] = useState(0);
  const key = input === null ? null : JSON.stringify([method, input, n]);
  // an answer the entry asked for early (boot.ts) that has arrived: the first render shows it, nothing is asked
  const [state, setState] = useState<{ key: string | null; data?: ApiOutput<M>; error: string | null }>(() => {
    const r = input === null ? undefined : takeEarlyAnswer(method, input);
    if (!r) return { key: null, error: null };
    return r.ok ? { key, data: r.data, error: null } : { key, error: r.error.message };
  });
  const answered = useRef(state.key);
  useEffect(() => {
    if (key === null) return;
    if (answered.current === key) {
      answered.current = null;
      return;
    }
    let live = true;
    const [m, i] = JSON.parse(key) as [M, ApiInput<M>];
    call(m, i).then(
      (data) => live && setState({ key, data, error: null }),
      (e: unknown) => live && setState((s) => ({ key, data: s.data, error: (e as Error).message })),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data: state.data, loading: key !== null && state.key !== key, error: state.key === key ? state.error : null, reload };
}

/**
 * A user action that may fail: `busy` names the one running (pages with several buttons share one hook), and a
 * failure is shown as its Chinese message instead of escaping as an unhandled rejection.
 */
export function useAction<K extends string = 'run'>(): { busy: K | null; run: (fn: () => Promise<void>, what?: K) => Promise<void> } {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<K | null>(null);
  const run = useCallback(
    async (fn: () => Promise<void>, what = 'run' as K) => {
      setBusy(what);
      try {
        await fn();
      } catch (e) {
        void message.error((e as Error).message);
      } finally {
        setBusy(null);
      }
    },
    [message],
  );
  return { busy, run };
}
