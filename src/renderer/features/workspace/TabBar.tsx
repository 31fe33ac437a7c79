// The row of workspace tabs; middle-click or × closes a tab, right-click offers "close the others"
// and "reopen closed tab", and when the tabs no longer fit, a menu at the end lists them all.
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../components/Icon';
import { useWorkspace, type Tab } from './workspace';

function tabIcon(tab: Tab): IconName {
  switch (tab.kind) {
    case 'mail':
      return 'inbox';
    case 'composer':
    case 'bulk-composer':
      return 'compose';
    case 'contacts':
      return 'user';
    case 'campaign':
    case 'campaigns':
      return 'send';
    case 'to-verify':
      return 'shield';
    case 'settings':
      return 'settings';
    default:
      return 'mail';
  }
}

/** Whether the strip's tabs are wider than the strip, kept up to date on resize. */
function useOverflowing(strip: React.RefObject<HTMLDivElement | null>, count: number): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const el = strip.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [strip, count]);
  return overflowing;
}

/** A small menu that closes on any click elsewhere or on Escape. */
function useDismiss(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('click', close);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('click', close);
      window.removeEventListener('keydown', onKey);
    };
  }, [open, close]);
}

/** Tab strip of the workspace. */
export function TabBar(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const strip = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(strip, ws.tabs.length);
  const [contextFor, setContextFor] = useState<{ id: string; x: number; y: number } | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const dismiss = () => {
    setContextFor(null);
    setListOpen(false);
  };
  useDismiss(contextFor !== null || listOpen, dismiss);
  const titleOf = (tab: Tab) => (tab.kind === 'mail' ? t('tabs.mail') : tab.title || t('message.noSubject'));

  // Keep the active tab in view when it is chosen from the overflow menu or opened off-screen.
  useEffect(() => {
    strip.current?.querySelector('.tab-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [ws.activeId]);

  const menuItem = (label: string, run: () => void, disabled = false) => (
    <li role="none" key={label}>
      <button
        type="button"
        role="menuitem"
        disabled={disabled}
        onClick={() => {
          dismiss();
          run();
        }}
      >
        {label}
      </button>
    </li>
  );

  return (
    <div className="tabbar-row">
      <div className="tabbar" role="tablist" ref={strip} aria-label={t('tabs.label')}>
        {ws.tabs.map((tab) => {
          const title = titleOf(tab);
          const active = tab.id === ws.activeId;
          // The close button sits beside the tab, not in it: a tab is one control for assistive technology.
          return (
            <div
              key={tab.id}
              role="presentation"
              className={active ? 'tab tab-active' : 'tab'}
              onAuxClick={(e) => e.button === 1 && ws.close(tab.id)}
              onContextMenu={(e) => {
                e.preventDefault();
                e.stopPropagation();
                setListOpen(false);
                setContextFor({ id: tab.id, x: e.clientX, y: e.clientY });
              }}
            >
              <div
                role="tab"
                className="tab-label"
                aria-selected={active}
                title={title}
                tabIndex={0}
                onClick={() => ws.activate(tab.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') ws.activate(tab.id);
                  if (e.key === 'Delete' && tab.kind !== 'mail') {
                    e.preventDefault();
                    ws.close(tab.id);
                  }
                }}
              >
                <Icon name={tabIcon(tab)} />
                <span className="tab-title">{title}</span>
              </div>
              {tab.kind !== 'mail' && (
                // Not a button of its own: a tablist holds only tabs. The keyboard closes a tab with
                // Ctrl+W or Delete on it, and its context menu has "Chiudi scheda".
                <span
                  className="tab-close"
                  aria-hidden="true"
                  title={t('tabs.close')}
                  data-testid="tab-close"
                  onClick={(e) => {
                    e.stopPropagation();
                    ws.close(tab.id);
                  }}
                >
                  ×
                </span>
              )}
            </div>
          );
        })}
      </div>
      {overflowing && (
        <button
          type="button"
          className="tab-overflow"
          aria-haspopup="menu"
          aria-expanded={listOpen}
          aria-label={t('tabs.all', { count: ws.tabs.length })}
          title={t('tabs.all', { count: ws.tabs.length })}
          data-testid="tab-overflow"
          onClick={(e) => {
            e.stopPropagation();
            setContextFor(null);
            setListOpen((v) => !v);
          }}
        >
          <span aria-hidden="true">⌄</span> {ws.tabs.length}
        </button>
      )}
      {listOpen && (
        <ul role="menu" className="menu-items tab-menu tab-list-menu" aria-label={t('tabs.all', { count: ws.tabs.length })}>
          {ws.tabs.map((tab) => menuItem(titleOf(tab), () => ws.activate(tab.id)))}
        </ul>
      )}
      {contextFor && (
        <ul role="menu" className="menu-items tab-menu" style={{ left: contextFor.x, top: contextFor.y }} aria-label={t('tabs.menu')}>
          {menuItem(t('tabs.close'), () => ws.close(contextFor.id), contextFor.id === 'mail')}
          {menuItem(t('tabs.closeOthers'), () => ws.closeOthers(contextFor.id), ws.tabs.length <= 2 && contextFor.id !== 'mail')}
          {menuItem(t('tabs.reopen'), () => ws.reopenClosed(), !ws.canReopen)}
        </ul>
      )}
    </div>
  );
}
