// The row of workspace tabs; middle-click or × closes a tab.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useWorkspace } from './workspace';

/** Tab strip of the workspace. */
export function TabBar(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <div className="tabbar" role="tablist">
      {ws.tabs.map((tab) => {
        const title = tab.kind === 'mail' ? t('tabs.mail') : tab.title || t('message.noSubject');
        return (
          <div
            key={tab.id}
            role="tab"
            aria-selected={tab.id === ws.activeId}
            className={tab.id === ws.activeId ? 'tab tab-active' : 'tab'}
            title={title}
            tabIndex={0}
            onClick={() => ws.activate(tab.id)}
            onKeyDown={(e) => e.key === 'Enter' && ws.activate(tab.id)}
            onAuxClick={(e) => e.button === 1 && ws.close(tab.id)}
          >
            <Icon name={tab.kind === 'mail' ? 'inbox' : tab.kind === 'composer' || tab.kind === 'bulk-composer' ? 'compose' : tab.kind === 'contacts' ? 'user' : tab.kind === 'campaign' || tab.kind === 'campaigns' ? 'send' : tab.kind === 'to-verify' ? 'shield' : 'mail'} />
            <span className="tab-title">{title}</span>
            {tab.kind !== 'mail' && (
              <button
                type="button"
                className="tab-close"
                aria-label={t('tabs.close')}
                onClick={(e) => {
                  e.stopPropagation();
                  ws.close(tab.id);
                }}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
