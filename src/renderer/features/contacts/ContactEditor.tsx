// Create or edit a contact: name, organization, PEC (and whether it is a PEC mailbox), ordinary
// e-mail, tax code / VAT number, tags, notes, free fields for bulk-send placeholders ({{comune}}),
// and the groups it belongs to. The main process checks and cleans everything again on save.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKeyOf, type ContactDetail, type GroupView } from '../../../shared/api-contacts';
import { api } from '../../api';
import { AddressDomainNotes } from '../../components/AddressDomainNotes';
import { Dialog } from '../../components/Dialog';
import { PecStatusBadge } from '../../components/PecStatusBadge';
import { apiErrorText } from '../../i18n/api-error';

interface Form {
  name: string;
  organization: string;
  pec: string;
  isPec: boolean;
  email: string;
  taxCode: string;
  tags: string;
  notes: string;
  fields: { key: string; value: string }[];
  groupIds: number[];
}

function formOf(contact: ContactDetail | null, groupId: number | null): Form {
  if (!contact) {
    const groupIds = groupId === null ? [] : [groupId];
    return { name: '', organization: '', pec: '', isPec: true, email: '', taxCode: '', tags: '', notes: '', fields: [], groupIds };
  }
  const { name, organization, pec, isPec, email, taxCode, notes, groupIds } = contact;
  const fields = Object.entries(contact.fields).map(([key, value]) => ({ key, value }));
  return { name, organization, pec, isPec, email, taxCode, notes, groupIds, tags: contact.tags.join(', '), fields };
}

/** The contact dialog; `contact` null creates one (in `groupId` when given). */
export function ContactEditor(props: { contact: ContactDetail | null; groupId: number | null; groups: GroupView[]; onClose(): void; onSaved(contact: ContactDetail): void }): ReactElement {
  const { t } = useTranslation();
  const { contact } = props;
  const [form, setForm] = useState<Form>(() => formOf(contact, props.groupId));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setField = (i: number, part: 'key' | 'value', value: string) => set('fields', form.fields.map((f, j) => (j === i ? { ...f, [part]: value } : f)));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const fields = Object.fromEntries(form.fields.filter((f) => fieldKeyOf(f.key) && f.value.trim()).map((f) => [f.key, f.value]));
    const saved = await api.contactSave({
      contact: {
        id: contact?.id,
        name: form.name,
        organization: form.organization,
        pec: form.pec,
        isPec: form.isPec,
        email: form.email,
        taxCode: form.taxCode,
        tags: form.tags.split(/[,;]/),
        notes: form.notes,
        fields,
      },
    });
    if (!saved.ok) {
      setBusy(false);
      setError(apiErrorText(t, saved.error));
      return;
    }
    const id = saved.value.id;
    const before = new Set(contact?.groupIds ?? []);
    const after = new Set(form.groupIds);
    for (const groupId of after) if (!before.has(groupId)) await api.groupAddMembers({ groupId, contactIds: [id] });
    for (const groupId of before) if (!after.has(groupId)) await api.groupRemoveMembers({ groupId, contactIds: [id] });
    props.onSaved(saved.value);
  };

  const remove = async () => {
    if (!contact || !window.confirm(t('contacts.confirmRemove', { count: 1 }))) return;
    const removed = await api.contactsRemove({ contactIds: [contact.id] });
    if (removed.ok) props.onClose();
    else setError(apiErrorText(t, removed.error));
  };

  const text = (key: 'name' | 'organization' | 'email' | 'taxCode' | 'tags', extra: { type?: string; hint?: string } = {}) => (
    <label className="field">
      <span>{t(`contacts.field.${key}`)}</span>
      <input name={key} type={extra.type ?? 'text'} value={form[key]} onChange={(e) => set(key, e.target.value)} placeholder={extra.hint} />
      {key === 'email' && <AddressDomainNotes text={form.email} />}
    </label>
  );

  return (
    <Dialog title={contact ? t('contacts.editTitle') : t('contacts.newTitle')} onClose={props.onClose} wide>
      <form className="contact-editor" onSubmit={(e) => void save(e)} data-testid="contact-editor">
        <div className="field-grid">
          {text('name')}
          {text('organization')}
          <label className="field">
            <span>
              {t('contacts.field.pec')} {contact && contact.pec === form.pec && <PecStatusBadge status={contact.pecStatus} />}
            </span>
            <input name="pec" type="text" value={form.pec} onChange={(e) => set('pec', e.target.value)} inputMode="email" />
            <AddressDomainNotes text={form.pec} />
          </label>
          {text('email', { hint: t('contacts.emailHint') })}
          {text('taxCode')}
          {text('tags', { hint: t('contacts.tagsHint') })}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={form.isPec} onChange={(e) => set('isPec', e.target.checked)} /> {t('contacts.isPec')}
        </label>
        <label className="field">
          <span>{t('contacts.field.notes')}</span>
          <textarea name="notes" rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        </label>
        <fieldset className="free-fields">
          <legend>{t('contacts.freeFields')}</legend>
          <p className="muted">{t('contacts.freeFieldsHint', { example: '{{comune}}' })}</p>
          {form.fields.map((f, i) => (
            <div className="field-row" key={i}>
              <input aria-label={t('contacts.freeFieldName')} placeholder={t('contacts.freeFieldName')} value={f.key} onChange={(e) => setField(i, 'key', e.target.value)} />
              <code className="placeholder-key">{fieldKeyOf(f.key) ? `{{${fieldKeyOf(f.key)}}}` : ''}</code>
              <input aria-label={t('contacts.freeFieldValue')} placeholder={t('contacts.freeFieldValue')} value={f.value} onChange={(e) => setField(i, 'value', e.target.value)} />
              <button type="button" aria-label={t('common.remove')} onClick={() => set('fields', form.fields.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link-button" onClick={() => set('fields', [...form.fields, { key: '', value: '' }])}>
            {t('contacts.addFreeField')}
          </button>
        </fieldset>
        {props.groups.length > 0 && (
          <fieldset className="contact-groups">
            <legend>{t('contacts.groups')}</legend>
            {props.groups.map((g) => (
              <label key={g.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.groupIds.includes(g.id)}
                  onChange={(e) => set('groupIds', e.target.checked ? [...form.groupIds, g.id] : form.groupIds.filter((id) => id !== g.id))}
                />{' '}
                {g.name}
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {contact && (
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('contacts.remove')}
            </button>
          )}
          <span className="tool-spacer" />
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
