// What every screen shares: the year being looked at, the app facts (counts, years, data file) and settings.
import { createContext, useContext } from 'react';
import type { ApiOutput } from '../../electron/domain/api';
import type { OfficeState } from './office';

export interface AppState {
  year: number;
  setYear: (y: number) => void;
  /** years offered by the switcher: years with data, plus this year */
  years: number[];
  info: ApiOutput<'app.info'> | undefined;
  settings: Record<string, string | number> | undefined;
  /** reload counts/years and settings after a change */
  refresh: () => void;
  /** the data file is damaged: the core refuses every write until a backup is restored, so the page offers none */
  readOnly: boolean;
  /** office mode (issue 19): the signed-in colleague and the host connection; null on the desktop / loopback */
  office: OfficeState | null;
}

export const AppContext = createContext<AppState>({
  year: new Date().getFullYear(),
  setYear: () => {},
  years: [],
  info: undefined,
  settings: undefined,
  refresh: () => {},
  readOnly: false,
  office: null,
});

export function useApp(): AppState {
  return useContext(AppContext);
}
