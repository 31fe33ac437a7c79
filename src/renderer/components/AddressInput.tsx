// An address field with autocomplete from the contacts: the text is a list of addresses separated
// by commas or semicolons; the word being typed is looked up (name, organization or address,
// accents ignored: "nicolo" finds "Nicolò") and a choice replaces it with the contact's address.
// Keyboard as in mail programs: ↓/↑ move, Enter or Tab picks, Esc closes. The composer and the
// bulk-send recipients both use it. Under the field, a look-alike domain (letters of different
// writing systems) is flagged as it is typed, and an internationalized one shown in punycode.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { ContactSuggestionView } from '../../shared/api-contacts';
import { api } from '../api';
import { AddressDomainNotes } from './AddressDomainNotes';
import './address-input.css';
import { PecStatusBadge } from './PecStatusBadge';

const SUGGESTIONS = 8;
// Wait for a pause in typing before asking, so each keystroke does not cost a query.
const TYPING_PAUSE_MS = 120;

/** The part after the last separator: what the user is typing now. */
function typedWord(value: string): string {
  return value.split(/[,;]/).pop()?.trim() ?? '';
}

/** value with the word being typed replaced by address, ready for the next one. */
function withAddress(value: string, address: string): string {
  const done = value.split(/[,;]/).slice(0, -1).map((a) => a.trim()).filter(Boolean);
  return `${[...done, address].join(', ')}, `;
}

/** Props of AddressInput; extra input attributes pass through. */
export interface AddressInputProps {
  value: string;
  onChange(value: string): void;
  name?: string;
  required?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

/** A text input of addresses with contact suggestions. */
export function AddressInput({ value, onChange, ...inputProps }: AddressInputProps): ReactElement {
  const listId = useId();
  const [suggestions, setSuggestions] = useState<ContactSuggestionView[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const asked = useRef(0);
  const word = typedWord(value);

  useEffect(() => {
    const mine = ++asked.current;
    if (!word) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(() => {
      void api.contactsSuggest({ query: word, limit: SUGGESTIONS }).then((res) => {
        if (mine !== asked.current) return;
        setSuggestions(res.ok ? res.value : []);
        setActive(0);
      });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [word]);

  const shown = open && suggestions.length > 0;
  const pick = (s: ContactSuggestionView) => {
    onChange(withAddress(value, s.address));
    setSuggestions([]);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!shown) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => setActive((active + 1) % suggestions.length),
      ArrowUp: () => setActive((active - 1 + suggestions.length) % suggestions.length),
      Enter: () => pick(suggestions[active]),
      Tab: () => pick(suggestions[active]),
      Escape: () => setOpen(false),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  return (
    <div className="address-input">
      <input
        {...inputProps}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <ul id={listId} role="listbox" className="address-suggestions" hidden={!shown} data-testid="address-suggestions">
        {shown &&
          suggestions.map((s, i) => (
            <li
              key={`${s.contactId}:${s.field}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggestion suggestion-active' : 'suggestion'}
              // mousedown, not click: the input would lose focus (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="suggestion-name">{s.name || s.organization || s.address}</span>
              {s.name && s.organization && <span className="suggestion-org">{s.organization}</span>}
              <span className="suggestion-address">{s.address}</span>
              <PecStatusBadge status={s.pecStatus} />
            </li>
          ))}
      </ul>
      <AddressDomainNotes text={value} />
    </div>
  );
}
