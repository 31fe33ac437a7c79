// Renderer entry: i18n, providers, the app (or the print view of one message).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/app.css';
import { App } from './App';
import { initTheme } from './features/settings/theme';
import { PrintView, printViewId } from './features/keeping/PrintView';
import { WorkspaceProvider } from './features/workspace/workspace';
import { AppInfoProvider } from './hooks/useAppInfo';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// "#print/<id>": the print view of one message alone (printed or saved as PDF), not the app.
const printId = printViewId(location.hash);
// Paper is white: the print view keeps the light theme whatever the window shows.
if (printId === null) initTheme();
createRoot(root).render(
  <StrictMode>
    {printId !== null ? (
      <PrintView messageId={printId} />
    ) : (
      <AppInfoProvider>
        <WorkspaceProvider>
          <App />
        </WorkspaceProvider>
      </AppInfoProvider>
    )}
  </StrictMode>,
);
