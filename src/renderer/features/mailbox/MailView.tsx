// The mailbox tab: folders (and contacts) on the left, the message list in the middle, the
// preview on the right. Double-click or Enter opens a message in a tab of its own; the toolbar's
// "Elimina" and "Sposta in…", and the Delete key, act on the selected message.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderView, MessageRow } from '../../../shared/api-values';
import { ContactsPane } from '../contacts/ContactsPane';
import { DraftList } from '../drafts/DraftList';
import { FolderTree } from '../folders/FolderTree';
import { MessageList, type MessageListHandle } from '../message-list/MessageList';
import { Reader } from '../reader/Reader';
import { useWorkspace } from '../workspace/workspace';
import { useMessageCommands } from './useMessageCommands';

/** The three-pane mailbox view. */
export function MailView({ showContacts }: { showContacts: boolean }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [folder, setFolder] = useState<FolderView | null>(null);
  // "Importati", the local folder of messages brought in from files (folder is null then).
  const [imported, setImported] = useState(false);
  const [selected, setSelected] = useState<MessageRow | null>(null);
  const list = useRef<MessageListHandle>(null);
  const { commands, dialog } = useMessageCommands(selected, list);
  const { setCurrent, setMessageCommands } = ws;

  useEffect(() => setCurrent(selected ? { messageId: selected.id } : null), [selected, setCurrent]);
  useEffect(() => {
    setMessageCommands(commands);
    return () => setMessageCommands(null);
  }, [commands, setMessageCommands]);

  return (
    <div className={showContacts ? 'mail-view with-contacts' : 'mail-view'}>
      <aside className="sidebar">
        <FolderTree
          selected={imported ? 'imported' : (folder?.id ?? null)}
          onSelect={(f) => {
            setFolder(f);
            setImported(false);
            setSelected(null);
          }}
          onSelectImported={() => {
            setFolder(null);
            setImported(true);
            setSelected(null);
          }}
        />
        {showContacts && <ContactsPane />}
      </aside>
      {/* Bozze lists the drafts kept here (each with its copy in the server's Drafts), which reopen in a composer. */}
      {folder?.role === 'drafts' ? (
        <DraftList accountId={folder.accountId} />
      ) : (
        <MessageList
          ref={list}
          folder={folder}
          imported={imported}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
          onOpen={(row) => ws.openMessage({ messageId: row.id }, row.subject)}
          onDelete={() => commands?.remove()}
        />
      )}
      <section className="preview" aria-label={t('reader.preview')}>
        {selected ? <Reader messageRef={{ messageId: selected.id }} /> : <div className="pane-empty">{t('reader.nothing')}</div>}
      </section>
      {dialog}
    </div>
  );
}
