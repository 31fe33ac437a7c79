// What the host can do (native dialogs or not) and where files are saved by default; loaded once.
import { createContext, useContext, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/api-values';
import { api } from '../api';

// Until getAppInfo answers: the preload's presence already tells which host this is.
const FALLBACK: AppInfo = { version: '', host: window.pecdesk ? 'electron' : 'web', nativeDialogs: false, defaultSaveDir: '' };
const AppInfoContext = createContext<AppInfo>(FALLBACK);

/** Loads AppInfo and provides it. */
export function AppInfoProvider({ children }: { children: ReactNode }): ReactElement {
  const [info, setInfo] = useState<AppInfo>(FALLBACK);
  useEffect(() => {
    void api.getAppInfo({}).then((res) => res.ok && setInfo(res.value));
  }, []);
  return <AppInfoContext.Provider value={info}>{children}</AppInfoContext.Provider>;
}

/** The host's capabilities. */
export function useAppInfo(): AppInfo {
  return useContext(AppInfoContext);
}
