// The menu bar of the browser build (the desktop app uses the native menu, src/main/app/menu.ts).
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { apiErrorText } from '../../i18n/api-error';
import { newDraft } from '../composer/draft';
import { useWorkspace } from '../workspace/workspace';
import type { ShellCommands } from './Toolbar';

interface Item {
  label: string;
  run(): void;
}

/** File / View / Help menus. */
export function MenuBar({
  commands,
  openFile,
  about,
  copyDiagnostics,
  providerIndex,
  settings,
  shortcuts,
  notifications,
}: {
  commands: ShellCommands;
  openFile(): void;
  about(): void;
  copyDiagnostics(): void;
  providerIndex(): void;
  settings(): void;
  shortcuts(): void;
  notifications(): void;
}): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(null);
    window.addEventListener('click', close);
    return () => window.removeEventListener('click', close);
  }, [open]);

  const menus: { id: string; label: string; items: Item[] }[] = [
    {
      id: 'file',
      label: t('menu.file'),
      items: [
        { label: t('toolbar.new'), run: () => ws.openComposer(newDraft(), t('composer.new')) },
        { label: t('campaign.new'), run: () => ws.openBulkComposer(null, t('campaign.new')) },
        { label: t('campaign.list'), run: () => ws.openCampaigns(t('campaign.list')) },
        { label: t('menu.open'), run: openFile },
        { label: t('toolbar.sync'), run: () => void api.syncNow({}).then((r) => !r.ok && commands.showError(apiErrorText(t, r.error))) },
        { label: t('toolbar.accounts'), run: commands.openAccounts },
        { label: t('providerIndex.menu'), run: providerIndex },
        { label: t('keeping.archive.menu'), run: commands.openArchive },
        { label: t('keeping.notify.menu'), run: notifications },
        { label: t('settings.menu'), run: settings },
      ],
    },
    { id: 'view', label: t('menu.view'), items: [{ label: t('toolbar.contacts'), run: commands.toggleContacts }] },
    {
      id: 'help',
      label: t('menu.help'),
      items: [
        { label: t('shortcuts.menu'), run: shortcuts },
        { label: t('diagnostics.menu'), run: copyDiagnostics },
        { label: t('menu.about'), run: about },
      ],
    },
  ];
  return (
    <nav className="menubar" aria-label={t('menu.label')}>
      {menus.map((menu) => (
        <div key={menu.id} className="menu">
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded={open === menu.id}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(open === menu.id ? null : menu.id);
            }}
          >
            {menu.label}
          </button>
          {open === menu.id && (
            <ul role="menu" className="menu-items">
              {menu.items.map((item) => (
                <li key={item.label} role="none">
                  <button type="button" role="menuitem" onClick={item.run}>
                    {item.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  );
}
