// Groups (liste) and their members: many-to-many through group_members. Names are unique without
// regard to case (the column is COLLATE NOCASE), as a user would expect of "Fornitori"/"fornitori".
import type Database from 'better-sqlite3';
import type { GroupView as Group } from '../../../shared/api-contacts';

const selectGroup = `SELECT g.id, g.name, g.created_at AS createdAt,
  (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS memberCount FROM groups g`;

/** Prepared statements over groups and group_members. */
export class GroupRows {
  private readonly byId: Database.Statement<[number], Group>;
  private readonly byName: Database.Statement<[string], Group>;
  private readonly insertGroup: Database.Statement<[string, string], { id: number }>;
  private readonly addMembers: Database.Statement<[number, string]>;
  private readonly removeMember: Database.Statement<[number, number]>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare(`${selectGroup} WHERE g.id = ?`);
    this.byName = db.prepare(`${selectGroup} WHERE g.name = ?`);
    this.insertGroup = db.prepare('INSERT INTO groups (name, created_at) VALUES (?, ?) RETURNING id');
    // One statement for any number of members (an import adds 50,000 at once): the ids go as a JSON array.
    this.addMembers = db.prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) SELECT ?, value FROM json_each(?)');
    this.removeMember = db.prepare('DELETE FROM group_members WHERE group_id = ? AND contact_id = ?');
  }

  list(): Group[] {
    return this.db.prepare(`${selectGroup} ORDER BY g.name COLLATE NOCASE`).all() as Group[];
  }

  get(id: number): Group | null {
    return this.byId.get(id) ?? null;
  }

  find(name: string): Group | null {
    return this.byName.get(name.trim()) ?? null;
  }

  /** Creates the group; null when the name is taken. */
  create(name: string, now: string): number | null {
    if (this.find(name)) return null;
    return this.insertGroup.get(name.trim(), now)!.id;
  }

  /** The group's id, creating it when missing. */
  ensure(name: string, now: string): number {
    return this.find(name)?.id ?? this.insertGroup.get(name.trim(), now)!.id;
  }

  rename(id: number, name: string): boolean {
    return this.db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(name.trim(), id).changes > 0;
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM groups WHERE id = ?').run(id).changes > 0;
  }

  /** Adds contacts to a group; returns how many were not members yet. */
  add(groupId: number, contactIds: Iterable<number>): number {
    const ids = [...contactIds];
    return ids.length ? this.addMembers.run(groupId, JSON.stringify(ids)).changes : 0;
  }

  removeMembers(groupId: number, contactIds: Iterable<number>): number {
    let removed = 0;
    for (const id of contactIds) removed += this.removeMember.run(groupId, id).changes;
    return removed;
  }

  /** Gives keepId every group otherId belongs to. */
  copyMemberships(otherId: number, keepId: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) SELECT group_id, ? FROM group_members WHERE contact_id = ?')
      .run(keepId, otherId);
  }

  memberIds(groupId: number): number[] {
    return this.db.prepare('SELECT contact_id FROM group_members WHERE group_id = ? ORDER BY contact_id').pluck().all(groupId) as number[];
  }
}
