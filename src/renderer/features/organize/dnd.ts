// Drag and drop inside the window: messages from the list onto a folder of the tree (moved on the
// server, the existing move path), a folder onto another (re-parented). The payload also travels
// in dataTransfer, but a drop target may read it only on drop: while hovering it asks `dragged()`.

/** dataTransfer type of dragged messages and of a dragged folder. */
export const MESSAGES_MIME = 'application/x-pecdesk-messages';
export const FOLDER_MIME = 'application/x-pecdesk-folder';

/** What is being dragged: messages of one folder, or one folder, with the account they belong to. */
export type Dragged = { kind: 'messages'; accountId: string; fromFolderId: number; messageIds: number[] } | { kind: 'folder'; accountId: string; folderId: number; path: string };

let current: Dragged | null = null;

/** Starts a drag of `what`. */
export function startDrag(event: { dataTransfer: DataTransfer }, what: Dragged): void {
  current = what;
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData(what.kind === 'messages' ? MESSAGES_MIME : FOLDER_MIME, JSON.stringify(what));
}

/** What is being dragged now, or null (a file from the desktop, or nothing). */
export function dragged(): Dragged | null {
  return current;
}

/** The drag ended (dropped or cancelled). */
export function endDrag(): void {
  current = null;
}
