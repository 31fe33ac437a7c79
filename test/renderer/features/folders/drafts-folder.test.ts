import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withDrafts } from '../../../../src/renderer/features/folders/drafts-folder';
import type { FolderView } from '../../../../src/shared/api-values';

const folder = (id: number, role: FolderView['role'], path: string): FolderView => ({ id, accountId: '3', path, name: path, role, total: 0, unread: 0, localOnly: false });

test('an account whose server has a Drafts folder shows that one as Bozze, once', () => {
  const folders = [folder(1, 'inbox', 'INBOX'), folder(2, 'drafts', 'Drafts')];
  assert.deepEqual(withDrafts(folders, '3'), folders);
});

test('an account without one (not synced yet, or no Drafts on the server) still gets a Bozze for the drafts kept here, with an id no folder has', () => {
  const [, bozze] = withDrafts([folder(1, 'inbox', 'INBOX')], '3');
  assert.deepEqual([bozze.role, bozze.accountId, bozze.localOnly], ['drafts', '3', true]);
  assert.ok(bozze.id < 0);
});
