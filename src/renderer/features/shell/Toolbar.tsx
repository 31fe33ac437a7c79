// The button row under the menu, PECMailer-style: receive, write, bulk sends, the receipts to
// verify, reply/forward on the current message, delete or move the message selected in the list,
// open a file, accounts, contacts, language.
import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { Icon, type IconName } from '../../components/Icon';
import { useAppInfo } from '../../hooks/useAppInfo';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { apiErrorText } from '../../i18n/api-error';
import { useOverdueCount } from '../campaign/OverdueNotice';
import { newDraft } from '../composer/draft';
import { useReplyActions, type ReplyMode } from '../composer/useReplyActions';
import { TemplateDraftDialog } from '../drafts/TemplateDraftDialog';
import { folderName } from '../folders/FolderTree';
import { useToVerifyCount } from '../trust/ToVerifyView';
import { useWorkspace, type MessageCommands } from '../workspace/workspace';
import { openBrowserFiles } from './openFiles';
import { RulesButton } from '../organize/RulesDialog';

/** Shell-level commands shared by the toolbar, the web menu bar and Electron's native menu. */
export interface ShellCommands {
  openAccounts(): void;
  /** "Archivia…" on the message shown (if any), else on a date. */
  openArchive(): void;
  toggleContacts(): void;
  showError(message: string): void;
}

/** Opens .eml files and signed .p7m documents: native dialog in the app, a file input in the browser. */
export function useOpenFileCommand(showError: (m: string) => void): { open(): void; input: ReactElement } {
  const { t } = useTranslation();
  const info = useAppInfo();
  const ws = useWorkspace();
  const inputRef = useRef<HTMLInputElement>(null);
  const open = () => {
    if (!info.nativeDialogs) {
      inputRef.current?.click();
      return;
    }
    void api.openEmlDialog({}).then((res) => {
      if (!res.ok) return showError(apiErrorText(t, res.error));
      for (const file of res.value) ws.openMessage(file.view.ref, file.view.original?.subject ?? file.name);
    });
  };
  const input = (
    <input
      ref={inputRef}
      type="file"
      accept=".eml,.p7m,message/rfc822,application/pkcs7-mime"
      multiple
      hidden
      data-testid="open-eml-input"
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = '';
        void openBrowserFiles(t, files).then(({ opened, errors }) => {
          for (const file of opened) ws.openMessage(file.view.ref, file.view.original?.subject ?? file.name);
          if (errors.length) showError(errors.join('\n'));
        });
      }}
    />
  );
  return { open, input };
}

/** "Sposta in…": the other folders of the selected message's account, as a native select (keyboard and screen readers for free). */
function MoveMenu({ commands }: { commands: MessageCommands | null }): ReactElement {
  const { t } = useTranslation();
  return (
    <label className="tool tool-select" title={t('messageActions.move')}>
      <Icon name="folder" />
      <select
        aria-label={t('messageActions.move')}
        value=""
        disabled={!commands || commands.moveTargets.length === 0}
        onChange={(e) => commands?.moveTo(Number(e.target.value))}
        data-testid="move-to"
      >
        <option value="" disabled>
          {t('messageActions.move')}
        </option>
        {commands?.moveTargets.map((f) => (
          <option key={f.id} value={f.id}>
            {folderName(f, t)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The toolbar. */
export function Toolbar({ commands, openFile }: { commands: ShellCommands; openFile(): void }): ReactElement {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const reply = useReplyActions();
  const act = (mode: ReplyMode) => ws.current && reply(ws.current, mode);
  const button = (icon: IconName, label: string, onClick: () => void, disabled = false) => (
    <button type="button" className="tool" onClick={onClick} disabled={disabled} title={label}>
      <Icon name={icon} />
      <span>{label}</span>
    </button>
  );
  const noMessage = ws.current === null;
  const overdue = useOverdueCount();
  const toVerify = useToVerifyCount();
  // "Nuovo da modello" (replyTo null) or "Rispondi con modello" (the current message).
  const [fromTemplate, setFromTemplate] = useState<{ replyTo: MessageRef | null } | null>(null);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {button('sync', t('toolbar.sync'), () => void api.syncNow({}).then((r) => !r.ok && commands.showError(apiErrorText(t, r.error))))}
      {button('compose', t('toolbar.new'), () => ws.openComposer(newDraft(), t('composer.new')))}
      {button('compose', t('drafts.template.new'), () => setFromTemplate({ replyTo: null }))}
      {button('send', t('campaign.new'), () => ws.openBulkComposer(null, t('campaign.new')))}
      <button type="button" className="tool" onClick={() => ws.openCampaigns(t('campaign.list'))} title={t('campaign.list')} data-testid="campaigns-button">
        <Icon name="receipt" />
        <span>{t('campaign.list')}</span>
        {overdue > 0 && (
          <span className="badge badge-overdue" data-testid="overdue-badge" title={t('campaign.overdueCount', { count: overdue })}>
            {overdue}
          </span>
        )}
      </button>
      <button type="button" className="tool" onClick={() => ws.openToVerify(t('trust.toVerify.title'))} title={t('trust.toVerify.title')} data-testid="to-verify-button">
        <Icon name="shield" />
        <span>{t('trust.toVerify.short')}</span>
        {toVerify > 0 && (
          <span className="badge badge-overdue" data-testid="to-verify-count" title={t('trust.toVerify.count', { count: toVerify })}>
            {toVerify}
          </span>
        )}
      </button>
      <span className="tool-sep" />
      {button('reply', t('actions.reply'), () => act('reply'), noMessage)}
      {button('reply', t('drafts.template.reply'), () => setFromTemplate({ replyTo: ws.current }), noMessage)}
      {button('replyAll', t('actions.replyAll'), () => act('replyAll'), noMessage)}
      {button('forward', t('actions.forward'), () => act('forward'), noMessage)}
      {button('clip', t('actions.forwardAttachments'), () => act('forwardAttachments'), noMessage)}
      <span className="tool-sep" />
      <button type="button" className="tool" onClick={() => ws.messageCommands?.remove()} disabled={!ws.messageCommands} title={t('messageActions.deleteHint')}>
        <Icon name="trash" />
        <span>{t('messageActions.delete')}</span>
      </button>
      <MoveMenu commands={ws.messageCommands} />
      <RulesButton />
      <button type="button" className="tool" onClick={commands.openArchive} title={t('keeping.archive.hint')} data-testid="archive-button">
        <Icon name="archive" />
        <span>{t('keeping.archive.menu')}</span>
      </button>
      <span className="tool-sep" />
      {button('open', t('toolbar.open'), openFile)}
      {button('settings', t('toolbar.accounts'), commands.openAccounts)}
      {button('user', t('toolbar.contacts'), commands.toggleContacts)}
      <span className="tool-spacer" />
      <select className="language" aria-label={t('toolbar.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {l === 'it' ? 'Italiano' : 'English'}
          </option>
        ))}
      </select>
      {fromTemplate && <TemplateDraftDialog replyTo={fromTemplate.replyTo} onClose={() => setFromTemplate(null)} />}
    </div>
  );
}
