// Rules for incoming mail (mail_rules), in the order they run. The rule's shape is checked at the
// API edge (shared/rules.ts ruleErrors) before it gets here; the store keeps it as given.
import type Database from 'better-sqlite3';
import type { RuleAction, RuleCondition } from '../../../shared/rules';
import type { ChangeTracker } from '../changes';
import type { RuleInput, RuleRow } from '../types';
import { json, nowIso } from '../values';

interface Row {
  id: number;
  position: number;
  name: string;
  accountId: number | null;
  enabled: number;
  conditions: string;
  actions: string;
}

const COLUMNS = 'id, position, name, account_id AS accountId, enabled, conditions, actions';

function rule(row: Row): RuleRow {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    accountId: row.accountId,
    enabled: row.enabled === 1,
    conditions: JSON.parse(row.conditions) as RuleCondition[],
    actions: JSON.parse(row.actions) as RuleAction[],
  };
}

/** Prepared rule statements. */
export class RuleQueries {
  private readonly all: Database.Statement<[], Row>;
  private readonly insert: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly update: Database.Statement<Record<string, unknown>>;
  private readonly remove: Database.Statement<[number]>;
  private readonly setPosition: Database.Statement<[number, number]>;
  private readonly accountExists: Database.Statement<[number], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.all = db.prepare(`SELECT ${COLUMNS} FROM mail_rules ORDER BY position, id`);
    this.insert = db.prepare(
      `INSERT INTO mail_rules (position, name, account_id, enabled, conditions, actions, created_at)
       VALUES ((SELECT coalesce(max(position), 0) + 1 FROM mail_rules), @name, @accountId, @enabled, @conditions, @actions, @now) RETURNING id`,
    );
    this.update = db.prepare(
      'UPDATE mail_rules SET name = @name, account_id = @accountId, enabled = @enabled, conditions = @conditions, actions = @actions WHERE id = @id',
    );
    this.remove = db.prepare('DELETE FROM mail_rules WHERE id = ?');
    this.setPosition = db.prepare('UPDATE mail_rules SET position = ? WHERE id = ?');
    this.accountExists = db.prepare('SELECT id FROM accounts WHERE id = ?');
  }

  /** Every rule, in the order they run. */
  listRules(): RuleRow[] {
    return this.all.all().map(rule);
  }

  /** Adds a rule at the end (no id) or replaces one; the rule's id, or null when the rule or its account does not exist. */
  saveRule(input: RuleInput): number | null {
    return this.changes.write(() => {
      if (input.accountId !== null && !this.accountExists.get(input.accountId)) return null;
      const values = { name: input.name, accountId: input.accountId, enabled: Number(input.enabled), conditions: json(input.conditions), actions: json(input.actions) };
      let id: number;
      if (input.id === undefined) id = this.insert.get({ ...values, now: nowIso() })!.id;
      else if (this.update.run({ ...values, id: input.id }).changes === 1) id = input.id;
      else return null;
      this.changes.note('mail_rules', [id]);
      return id;
    });
  }

  /** Deletes a rule; false when there was none. */
  deleteRule(id: number): boolean {
    return this.changes.write(() => {
      const gone = this.remove.run(id).changes === 1;
      if (gone) this.changes.note('mail_rules', [id]);
      return gone;
    });
  }

  /** Puts the rules in the given order; false (nothing changed) unless `ids` names every rule exactly once. */
  reorderRules(ids: number[]): boolean {
    return this.changes.write(() => {
      const known = this.all.all().map((r) => r.id).sort((a, b) => a - b);
      const given = [...ids].sort((a, b) => a - b);
      if (known.length !== given.length || known.some((id, i) => id !== given[i])) return false;
      ids.forEach((id, i) => this.setPosition.run(i + 1, id));
      this.changes.note('mail_rules', ids);
      return true;
    });
  }
}
