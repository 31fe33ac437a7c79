// The search field above the message list: words of the subject, of the sender (for a PEC, the real
// sender inside the envelope), of the text or of an attachment's name, with the syntax of
// SearchHelp, in this folder or in every folder of every account. Esc or the × clears it and the
// folder comes back; text that cannot be searched for is explained under the field.
import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { SearchHelp } from './SearchHelp';
import './search.css';

/** Where a search looks. */
export type SearchScope = 'folder' | 'all';

/** The search field and its scope. */
export function SearchField(props: {
  query: string;
  /** Where the search looks; 'all' when no folder is selected. */
  scope: SearchScope;
  /** Whether a folder is selected, so "this folder" can be chosen. */
  hasFolder: boolean;
  onQueryChange(query: string): void;
  onScopeChange(scope: SearchScope): void;
  /** ArrowDown in the field: go on to the results with the keyboard. */
  onLeaveDown(): void;
  /** Why the typed text cannot be searched for, in the user's language; null when it can. */
  problem: string | null;
}): ReactElement {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);

  const clear = () => {
    props.onQueryChange('');
    input.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && props.query) {
      e.preventDefault();
      clear();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      props.onLeaveDown();
    }
  };

  return (
    <div className="list-search-area">
    <div className="list-search" role="search">
      <div className="search-box">
        <Icon name="search" />
        <input
          ref={input}
          type="search"
          data-testid="message-search"
          value={props.query}
          placeholder={props.scope === 'all' ? t('search.placeholderAll') : t('search.placeholderFolder')}
          aria-label={t('search.label')}
          maxLength={500}
          onChange={(e) => props.onQueryChange(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={props.problem !== null}
          aria-describedby={props.problem !== null ? 'search-problem' : undefined}
        />
        {props.query && (
          <button type="button" className="search-clear" title={t('search.clear')} aria-label={t('search.clear')} onClick={clear}>
            <Icon name="cross" />
          </button>
        )}
      </div>
      <select
        value={props.scope}
        aria-label={t('search.scope')}
        data-testid="message-search-scope"
        onChange={(e) => props.onScopeChange(e.target.value === 'all' ? 'all' : 'folder')}
      >
        <option value="folder" disabled={!props.hasFolder}>
          {t('search.scopeFolder')}
        </option>
        <option value="all">{t('search.scopeAll')}</option>
      </select>
      <SearchHelp />
    </div>
    {props.problem !== null && (
      <p className="search-problem" id="search-problem" role="alert" data-testid="search-problem">
        <Icon name="warning" /> {props.problem}
      </p>
    )}
    </div>
  );
}
