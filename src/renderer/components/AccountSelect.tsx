// The "Da" field of the composers and the template picker: one account per option, shown as
// "Name <address>" the way the recipient will see the From.
import type { ReactElement } from 'react';
import type { AccountView } from '../../shared/api-values';

/** A select of accounts; `value` is the chosen account's id ('' while none is). */
export function AccountSelect(props: { accounts: AccountView[] | null; value: string; onChange: (accountId: string) => void; name?: string }): ReactElement {
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {(props.accounts ?? []).map((a) => (
        <option key={a.id} value={a.id}>
          {a.name} &lt;{a.address}&gt;
        </option>
      ))}
    </select>
  );
}
