// Renderer entry: i18n, providers, the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/app.css';
import { App } from './App';
import { initTheme } from './features/settings/theme';
import { WorkspaceProvider } from './features/workspace/workspace';
import { AppInfoProvider } from './hooks/useAppInfo';

initTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppInfoProvider>
      <WorkspaceProvider>
        <App />
      </WorkspaceProvider>
    </AppInfoProvider>
  </StrictMode>,
);
