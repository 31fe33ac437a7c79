// The application frame: menu (browser build) and toolbar on top, workspace tabs, status line.
// Also where events from the main process that act on the UI land (menu, files opened by the OS).
import { useCallback, useEffect, useState, type DragEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onEvent } from './api';
import { Dialog } from './components/Dialog';
import { AccountsDialog } from './features/accounts/AccountsDialog';
import { MasterPasswordGate } from './features/accounts/MasterPasswordDialog';
import { BulkComposer } from './features/campaign/BulkComposer';
import { CampaignList } from './features/campaign/CampaignList';
import { CampaignView } from './features/campaign/CampaignView';
import { OverdueNotice } from './features/campaign/OverdueNotice';
import { Composer } from './features/composer/Composer';
import { ContactsView } from './features/contacts/ContactsView';
import { newDraft } from './features/composer/draft';
import { MailView } from './features/mailbox/MailView';
import { Reader } from './features/reader/Reader';
import { RuleNotifications } from './features/organize/RuleNotifications';
import { ProviderIndexDialog } from './features/provider-index/ProviderIndexDialog';
import { EngineBanner } from './features/shell/EngineBanner';
import { MenuBar } from './features/shell/MenuBar';
import { isMessageFile, openBrowserFiles } from './features/shell/openFiles';
import { StatusBar } from './features/shell/StatusBar';
import { Toolbar, useOpenFileCommand, type ShellCommands } from './features/shell/Toolbar';
import { StoreHealthBanner } from './features/store-health/StoreHealthBanner';
import { ARCHIVE_ACTION_EVENT } from './features/organize/QuotaStatus';
import { ArchiveDialog, type ArchiveTarget } from './features/keeping/ArchiveDialog';
import { NotificationCenter } from './features/keeping/NotificationCenter';
import { NotificationSettingsDialog } from './features/keeping/NotificationSettingsDialog';
import { IndexBanner, useIndexState } from './features/trust/IndexBanner';
import { ToVerifyView } from './features/trust/ToVerifyView';
import { SettingsView } from './features/settings/SettingsView';
import { Welcome } from './features/settings/Welcome';
import { ShortcutsHelp } from './features/shell/ShortcutsHelp';
import { useShortcuts } from './features/shell/useShortcuts';
import { LIST_STEP_EVENT } from './features/message-list/MessageList';
import { useReplyActions, type ReplyMode } from './features/composer/useReplyActions';
import { TabBar } from './features/workspace/TabBar';
import { useWorkspace } from './features/workspace/workspace';
import { useAppInfo } from './hooks/useAppInfo';
import { apiErrorText } from './i18n/api-error';

/** The whole UI inside the providers. */
export function App(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const info = useAppInfo();
  const [accountsOpen, setAccountsOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [diagnostics, setDiagnostics] = useState<{ text: string; copied: boolean } | null>(null);
  const [providerIndexOpen, setProviderIndexOpen] = useState(false);
  const [showContacts, setShowContacts] = useState(true);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [archiveTarget, setArchiveTarget] = useState<ArchiveTarget | null>(null);
  const [notificationsOpen, setNotificationsOpen] = useState(false);
  const { openMessage, openComposer, openBulkComposer, openCampaigns, openSettings } = ws;
  const reply = useReplyActions();

  const current = ws.current;
  const openArchive = useCallback(
    () => setArchiveTarget({ folder: null, messageIds: current && 'messageId' in current ? [current.messageId] : [] }),
    [current],
  );
  // "Archivia…" beside a nearly full mailbox in the status bar opens the same dialog.
  useEffect(() => {
    const onAction = (e: Event) => (e as CustomEvent<{ action?: string }>).detail?.action === 'archive' && setArchiveTarget({ folder: null, messageIds: [] });
    window.addEventListener(ARCHIVE_ACTION_EVENT, onAction);
    return () => window.removeEventListener(ARCHIVE_ACTION_EVENT, onAction);
  }, []);
  const commands: ShellCommands = {
    openAccounts: () => setAccountsOpen(true),
    openArchive,
    toggleContacts: () => setShowContacts((v) => !v),
    showError: setError,
  };
  const openFile = useOpenFileCommand(setError);
  const indexState = useIndexState();

  const newMessage = useCallback(() => openComposer(newDraft(), t('composer.new')), [openComposer, t]);
  // The desktop host copies in the main process; the browser build copies here, and when the
  // browser refuses, the dialog shows the text to copy by hand.
  const copyDiagnostics = useCallback(async () => {
    const res = await api.copyDiagnostics({});
    if (!res.ok) return setError(apiErrorText(t, res.error));
    const { text } = res.value;
    const copied = res.value.copied || (await navigator.clipboard?.writeText(text).then(() => true, () => false)) === true;
    setDiagnostics({ text, copied });
  }, [t]);

  const settings = useCallback(() => openSettings(t('settings.title')), [openSettings, t]);
  const syncNow = useCallback(() => void api.syncNow({}).then((r) => !r.ok && setError(apiErrorText(t, r.error))), [t]);
  const onCurrent = (mode: ReplyMode) => () => ws.current && reply(ws.current, mode);
  const stepTab = (delta: number) => {
    const at = ws.tabs.findIndex((tab) => tab.id === ws.activeId);
    ws.activate(ws.tabs[(at + delta + ws.tabs.length) % ws.tabs.length].id);
  };
  useShortcuts({
    new: newMessage,
    reply: onCurrent('reply'),
    replyAll: onCurrent('replyAll'),
    forward: onCurrent('forward'),
    search: () => {
      ws.activate('mail');
      // After the mailbox tab is shown, so the field can take the focus.
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[role=tabpanel]:not([hidden]) [data-testid=message-search]')?.focus());
    },
    next: () => window.dispatchEvent(new CustomEvent(LIST_STEP_EVENT, { detail: 1 })),
    previous: () => window.dispatchEvent(new CustomEvent(LIST_STEP_EVENT, { detail: -1 })),
    delete: () => ws.messageCommands?.remove(),
    sync: syncNow,
    closeTab: () => ws.close(ws.activeId),
    reopenTab: () => void ws.reopenClosed(),
    nextTab: () => stepTab(1),
    previousTab: () => stepTab(-1),
    settings,
    help: () => setShortcutsOpen(true),
  });

  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'file-opened') openMessage(event.file.view.ref, event.file.view.original?.subject ?? event.file.name);
        if (event.type !== 'menu') return;
        if (event.command === 'sync') void api.syncNow({});
        if (event.command === 'new-message') newMessage();
        if (event.command === 'new-campaign') openBulkComposer(null, t('campaign.new'));
        if (event.command === 'campaigns') openCampaigns(t('campaign.list'));
        if (event.command === 'accounts') setAccountsOpen(true);
        if (event.command === 'provider-index') setProviderIndexOpen(true);
        if (event.command === 'about') setAboutOpen(true);
        if (event.command === 'settings') settings();
        if (event.command === 'shortcuts') setShortcutsOpen(true);
        if (event.command === 'copy-diagnostics') void copyDiagnostics();
        if (event.command === 'archive') openArchive();
        if (event.command === 'notifications') setNotificationsOpen(true);
      }),
    [openMessage, newMessage, openBulkComposer, openCampaigns, copyDiagnostics, settings, openArchive, t],
  );

  const onDrop = (e: DragEvent) => {
    const files = [...e.dataTransfer.files].filter(isMessageFile);
    if (files.length === 0) return;
    e.preventDefault();
    void openBrowserFiles(t, files).then(({ opened, errors }) => {
      for (const file of opened) openMessage(file.view.ref, file.view.original?.subject ?? file.name);
      if (errors.length) setError(errors.join('\n'));
    });
  };

  return (
    <div className="app" onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={onDrop}>
      {info.host === 'web' && (
        <MenuBar
          commands={commands}
          openFile={openFile.open}
          about={() => setAboutOpen(true)}
          copyDiagnostics={() => void copyDiagnostics()}
          providerIndex={() => setProviderIndexOpen(true)}
          settings={settings}
          shortcuts={() => setShortcutsOpen(true)}
          notifications={() => setNotificationsOpen(true)}
        />
      )}
      <Toolbar commands={commands} openFile={openFile.open} />
      <StoreHealthBanner />
      <EngineBanner />
      <IndexBanner state={indexState} onImport={() => setProviderIndexOpen(true)} />
      {openFile.input}
      <TabBar />
      <main className="workspace">
        {ws.tabs.map((tab) => (
          <div key={tab.id} className="tab-panel" hidden={tab.id !== ws.activeId} role="tabpanel">
            {tab.kind === 'mail' && <MailView showContacts={showContacts} />}
            {tab.kind === 'message' && <Reader messageRef={tab.ref} />}
            {tab.kind === 'composer' && <Composer tabId={tab.id} draft={tab.draft} />}
            {tab.kind === 'contacts' && <ContactsView />}
            {tab.kind === 'bulk-composer' && <BulkComposer tabId={tab.id} campaignId={tab.campaignId} />}
            {tab.kind === 'campaign' && <CampaignView campaignId={tab.campaignId} />}
            {tab.kind === 'campaigns' && <CampaignList />}
            {tab.kind === 'to-verify' && <ToVerifyView />}
            {tab.kind === 'settings' && (
              <SettingsView
                openAccounts={() => setAccountsOpen(true)}
                openProviderIndex={() => setProviderIndexOpen(true)}
                openShortcuts={() => setShortcutsOpen(true)}
                openNotifications={() => setNotificationsOpen(true)}
                openArchive={openArchive}
              />
            )}
          </div>
        ))}
      </main>
      <StatusBar />
      <OverdueNotice />
      <RuleNotifications />
      <MasterPasswordGate />
      <Welcome indexState={indexState} openAccounts={() => setAccountsOpen(true)} openProviderIndex={() => setProviderIndexOpen(true)} />
      {shortcutsOpen && <ShortcutsHelp onClose={() => setShortcutsOpen(false)} />}
      {accountsOpen && <AccountsDialog onClose={() => setAccountsOpen(false)} />}
      {providerIndexOpen && <ProviderIndexDialog onClose={() => setProviderIndexOpen(false)} />}
      {archiveTarget && <ArchiveDialog target={archiveTarget} onClose={() => setArchiveTarget(null)} />}
      {notificationsOpen && <NotificationSettingsDialog onClose={() => setNotificationsOpen(false)} />}
      <NotificationCenter />
      {aboutOpen && (
        <Dialog title={t('menu.about')} onClose={() => setAboutOpen(false)}>
          <p>
            <strong>PecDesk</strong> {info.version}
          </p>
          <p>{t('about.text')}</p>
        </Dialog>
      )}
      {diagnostics && (
        <Dialog title={t('diagnostics.title')} onClose={() => setDiagnostics(null)} wide>
          <p>{diagnostics.copied ? t('diagnostics.copied') : t('diagnostics.notCopied')}</p>
          <textarea className="diagnostics-text" readOnly rows={14} value={diagnostics.text} aria-label={t('diagnostics.text')} data-testid="diagnostics-text" />
        </Dialog>
      )}
      {error && (
        <Dialog title={t('common.error')} onClose={() => setError(null)}>
          <p className="pre-line">{error}</p>
        </Dialog>
      )}
    </div>
  );
}
