// The multi-tab workspace: the mailbox tab is always there; messages and composers open in tabs
// of their own, several at once. Also holds the "current message" the toolbar acts on, and what
// it can do to the message selected in the mailbox list.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { ComposerDraft } from '../../../shared/api-drafts';
import type { FolderView, MessageRef } from '../../../shared/api-values';

/** One tab of the workspace. */
export type Tab =
  | { id: 'mail'; kind: 'mail' }
  | { id: string; kind: 'message'; ref: MessageRef; title: string }
  | { id: string; kind: 'composer'; draft: ComposerDraft; title: string }
  | { id: 'contacts'; kind: 'contacts'; title: string }
  /** A bulk-send draft; campaignId is null until the first automatic save. */
  | { id: string; kind: 'bulk-composer'; campaignId: number | null; title: string }
  | { id: string; kind: 'campaign'; campaignId: number; title: string }
  | { id: 'campaigns'; kind: 'campaigns'; title: string }
  /** "Ricevute da verificare": the receipts that do not count as proof. */
  | { id: 'to-verify'; kind: 'to-verify'; title: string }
  | { id: 'settings'; kind: 'settings'; title: string };

/** How many closed tabs "Riapri scheda chiusa" can bring back. */
const REOPEN_DEPTH = 20;

/** What the toolbar can do to the message selected in the mailbox list (MailView provides them). */
export interface MessageCommands {
  /** The other folders of the message's account it can be moved to. */
  moveTargets: FolderView[];
  /** "Elimina": to the Trash; from the Trash, for good once the user confirms. */
  remove(): void;
  /** "Sposta in…" a folder of moveTargets. */
  moveTo(folderId: number): void;
}

/** "Tutta la corrispondenza con…" asked for an address; serial tells a new request from the last one. */
export interface CorrespondenceRequest {
  address: string;
  serial: number;
}

/** What the workspace offers to every feature. */
export interface Workspace {
  tabs: Tab[];
  activeId: string;
  activate(id: string): void;
  close(id: string): void;
  /** Closes every tab but the mailbox and `id`. */
  closeOthers(id: string): void;
  /** Reopens the tab closed last (Ctrl+Shift+T); false when none is left. */
  reopenClosed(): boolean;
  /** Whether a closed tab can be reopened. */
  canReopen: boolean;
  /** Opens (or focuses) the settings page. */
  openSettings(title: string): void;
  openMessage(ref: MessageRef, title: string): void;
  /** Opens a composer tab; a saved draft already open in one is focused instead. */
  openComposer(draft: ComposerDraft, title: string): void;
  /** Opens (or focuses) the address book tab. */
  openContacts(title: string): void;
  /** Opens a bulk-send composer: a new draft (null) or a saved one. */
  openBulkComposer(campaignId: number | null, title: string): void;
  /** Opens (or focuses) the view of a campaign that was started. */
  openCampaign(campaignId: number, title: string): void;
  /** Opens (or focuses) the list of campaigns. */
  openCampaigns(title: string): void;
  /** Opens (or focuses) "Ricevute da verificare". */
  openToVerify(title: string): void;
  /** The last "Tutta la corrispondenza con…" request; the mailbox's list searches for it. */
  correspondence: CorrespondenceRequest | null;
  /** Shows the mailbox listing every message and receipt exchanged with the address, newest first. */
  showCorrespondence(address: string): void;
  /** The message the toolbar's reply/forward buttons act on. */
  current: MessageRef | null;
  setCurrent(ref: MessageRef | null): void;
  /** Commands on the message selected in the mailbox list; null when none is, or another tab is in front. */
  messageCommands: MessageCommands | null;
  setMessageCommands(commands: MessageCommands | null): void;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/** A stable tab id for a message, so opening it twice focuses the same tab. */
export function messageTabId(ref: MessageRef): string {
  return 'messageId' in ref ? `msg:${ref.messageId}` : `file:${ref.fileId}`;
}

let composerCounter = 0;

/** Provides the workspace to the app. */
export function WorkspaceProvider({ children }: { children: ReactNode }): ReactElement {
  const [tabs, setTabs] = useState<Tab[]>([{ id: 'mail', kind: 'mail' }]);
  const [activeId, setActiveId] = useState('mail');
  const [mailCurrent, setMailCurrent] = useState<MessageRef | null>(null);
  const [messageCommands, setMessageCommands] = useState<MessageCommands | null>(null);
  // Newest last. A reopened composer comes back as it was opened; what was typed since lives in its draft.
  const [closed, setClosed] = useState<Tab[]>([]);
  const [correspondence, setCorrespondence] = useState<CorrespondenceRequest | null>(null);

  const showCorrespondence = useCallback((address: string) => {
    setCorrespondence((old) => ({ address, serial: (old?.serial ?? 0) + 1 }));
    setActiveId('mail');
  }, []);

  const openMessage = useCallback((ref: MessageRef, title: string) => {
    const id = messageTabId(ref);
    setTabs((old) => (old.some((t) => t.id === id) ? old : [...old, { id, kind: 'message', ref, title }]));
    setActiveId(id);
  }, []);

  const openComposer = useCallback((draft: ComposerDraft, title: string) => {
    const id = draft.draftId ? `draft:${draft.draftId}` : `compose:${++composerCounter}`;
    setTabs((old) => (old.some((t) => t.id === id) ? old : [...old, { id, kind: 'composer', draft, title }]));
    setActiveId(id);
  }, []);

  const openContacts = useCallback((title: string) => {
    setTabs((old) => (old.some((t) => t.id === 'contacts') ? old : [...old, { id: 'contacts', kind: 'contacts', title }]));
    setActiveId('contacts');
  }, []);

  const openBulkComposer = useCallback((campaignId: number | null, title: string) => {
    const id = campaignId === null ? `bulk:new:${++composerCounter}` : `bulk:${campaignId}`;
    setTabs((old) => (old.some((t) => t.id === id) ? old : [...old, { id, kind: 'bulk-composer', campaignId, title }]));
    setActiveId(id);
  }, []);

  const openCampaign = useCallback((campaignId: number, title: string) => {
    const id = `campaign:${campaignId}`;
    setTabs((old) => (old.some((t) => t.id === id) ? old : [...old, { id, kind: 'campaign', campaignId, title }]));
    setActiveId(id);
  }, []);

  const openCampaigns = useCallback((title: string) => {
    setTabs((old) => (old.some((t) => t.id === 'campaigns') ? old : [...old, { id: 'campaigns', kind: 'campaigns', title }]));
    setActiveId('campaigns');
  }, []);

  const openToVerify = useCallback((title: string) => {
    setTabs((old) => (old.some((t) => t.id === 'to-verify') ? old : [...old, { id: 'to-verify', kind: 'to-verify', title }]));
    setActiveId('to-verify');
  }, []);

  const openSettings = useCallback((title: string) => {
    setTabs((old) => (old.some((t) => t.id === 'settings') ? old : [...old, { id: 'settings', kind: 'settings', title }]));
    setActiveId('settings');
  }, []);

  // Closing reads the tabs as they are now, not as they were when the caller got `close`: a
  // composer closes itself on a timer once its PEC is sent, and a copy of the tabs from that render
  // would drop every tab opened since. Not inside a state updater either: StrictMode runs updaters
  // twice, and a closed tab must be remembered once.
  const tabsNow = useRef(tabs);
  tabsNow.current = tabs;

  const close = useCallback((id: string) => {
    const current = tabsNow.current;
    const index = current.findIndex((t) => t.id === id);
    if (id === 'mail' || index < 0) return;
    const next = current.filter((t) => t.id !== id);
    tabsNow.current = next;
    setClosed((old) => [...old, current[index]].slice(-REOPEN_DEPTH));
    setTabs(next);
    setActiveId((active) => (active === id ? (next[Math.max(0, index - 1)]?.id ?? 'mail') : active));
  }, []);

  const closeOthers = useCallback((id: string) => {
    const keep = (t: Tab) => t.id === 'mail' || t.id === id;
    const current = tabsNow.current;
    const gone = current.filter((t) => !keep(t));
    if (gone.length > 0) setClosed((old) => [...old, ...gone].slice(-REOPEN_DEPTH));
    tabsNow.current = current.filter(keep);
    setTabs(tabsNow.current);
    setActiveId(id);
  }, []);

  const reopenClosed = useCallback((): boolean => {
    const last = closed.at(-1);
    if (!last) return false;
    setClosed(closed.slice(0, -1));
    setTabs((old) => (old.some((t) => t.id === last.id) ? old : [...old, last]));
    setActiveId(last.id);
    return true;
  }, [closed]);

  const value = useMemo<Workspace>(() => {
    const active = tabs.find((t) => t.id === activeId);
    const current = active?.kind === 'message' ? active.ref : active?.kind === 'mail' ? mailCurrent : null;
    return {
      tabs, activeId, activate: setActiveId, close, closeOthers, reopenClosed, canReopen: closed.length > 0, openSettings,
      openMessage, openComposer, openContacts, openBulkComposer, openCampaign, openCampaigns, openToVerify, current,
      correspondence, showCorrespondence,
      setCurrent: setMailCurrent,
      messageCommands: active?.kind === 'mail' ? messageCommands : null,
      setMessageCommands,
    };
  }, [tabs, activeId, close, closeOthers, reopenClosed, closed.length, openSettings, openMessage, openComposer, openContacts, openBulkComposer, openCampaign, openCampaigns, openToVerify, mailCurrent, messageCommands, correspondence, showCorrespondence]);

  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The workspace of the enclosing provider. */
export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside WorkspaceProvider');
  return ws;
}
