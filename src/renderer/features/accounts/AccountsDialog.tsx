// Accounts: add or edit with provider presets, test the connection (which step failed, in plain
// words), per-account signature (HTML with images), sync state and last error.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api';
import type { AccountView, ConnectionReport, ProviderPresetView, SendingPace, ServerEndpoint } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { RichTextToolbar } from '../../components/RichTextToolbar';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { sanitizeForEditor } from '../reader/sanitize';
import { connectionProblemText, securityWarningText } from './connection-words';
import { RemoveAccountDialog } from './RemoveAccountDialog';
import { syncStateText } from '../shell/sync-problem';

/** The editable fields of an account, plus the password typed in the form (never shown back). */
type FormState = Omit<AccountView, 'id' | 'hasPassword' | 'sync' | 'warnings' | 'pace'> & { id?: string; password: string };

const EMPTY: FormState = {
  name: '',
  address: '',
  kind: 'pec',
  providerId: null,
  imap: { host: '', port: 993, security: 'tls', username: '' },
  smtp: { host: '', port: 465, security: 'tls', username: '' },
  password: '',
  sentFolder: 'auto',
  receiptsFolder: 'Ricevute PEC',
  receiptsMode: 'local',
  signatureHtml: '',
  rateLimit: { perMinute: null, perHour: null },
};

function fromAccount(a: AccountView): FormState {
  const { id, name, address, kind, providerId, imap, smtp, sentFolder, receiptsFolder, receiptsMode, signatureHtml, rateLimit } = a;
  return { id, name, address, kind, providerId, imap, smtp, sentFolder, receiptsFolder, receiptsMode, signatureHtml, rateLimit, password: '' };
}

function withPreset(form: FormState, preset: ProviderPresetView): FormState {
  const username = preset.username === 'address' ? form.address : form.imap.username;
  return {
    ...form,
    providerId: preset.id,
    kind: preset.kind,
    imap: preset.imap ? { ...preset.imap, username } : form.imap,
    smtp: preset.smtp ? { ...preset.smtp, username } : form.smtp,
  };
}

/** The accounts dialog. */
export function AccountsDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const presets = useApiQuery(() => api.listPresets({}), []);
  const [selected, setSelected] = useState<string | 'new' | null>(null);

  useEffect(() => {
    if (selected === null && accounts.data) setSelected(accounts.data[0]?.id ?? 'new');
  }, [accounts.data, selected]);

  const account = accounts.data?.find((a) => a.id === selected) ?? null;
  return (
    <Dialog title={t('accounts.title')} onClose={onClose} wide>
      <div className="accounts-layout">
        <ul className="accounts-list">
          {(accounts.data ?? []).map((a) => (
            <li key={a.id}>
              <button type="button" className={a.id === selected ? 'selected' : ''} onClick={() => setSelected(a.id)}>
                <strong>{a.name}</strong>
                <span>{a.address}</span>
                {a.sync.state === 'error' && <Icon name="warning" className="bad" />}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className={selected === 'new' ? 'selected' : ''} onClick={() => setSelected('new')}>
              + {t('accounts.add')}
            </button>
          </li>
        </ul>
        {selected !== null && (
          <AccountForm
            key={selected}
            initial={account ? fromAccount(account) : EMPTY}
            account={account}
            presets={presets.data ?? []}
            onSaved={(id) => setSelected(id)}
            onRemoved={() => setSelected(null)}
          />
        )}
      </div>
    </Dialog>
  );
}

function EndpointFields({ label, value, onChange }: { label: string; value: ServerEndpoint; onChange(v: ServerEndpoint): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <fieldset className="endpoint">
      <legend>{label}</legend>
      <label>
        <span>{t('accounts.host')}</span>
        <input value={value.host} onChange={(e) => onChange({ ...value, host: e.target.value.trim() })} required spellCheck={false} />
      </label>
      <label>
        <span>{t('accounts.port')}</span>
        <input type="number" min={1} max={65535} value={value.port} onChange={(e) => onChange({ ...value, port: Number(e.target.value) })} required />
      </label>
      <label>
        <span>{t('accounts.security')}</span>
        <select value={value.security} onChange={(e) => onChange({ ...value, security: e.target.value as ServerEndpoint['security'] })}>
          <option value="tls">SSL/TLS</option>
          <option value="starttls">STARTTLS</option>
          <option value="none">{t('accounts.securityNone')}</option>
        </select>
      </label>
    </fieldset>
  );
}

function AccountForm(props: {
  initial: FormState;
  account: AccountView | null;
  presets: ProviderPresetView[];
  onSaved(id: string): void;
  onRemoved(): void;
}): ReactElement {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(props.initial);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const signature = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (signature.current) signature.current.innerHTML = sanitizeForEditor(props.initial.signatureHtml);
  }, [props.initial.signatureHtml]);

  // A saved password is bound to its servers: after editing them the main process asks for it again.
  const errorText = (error: ApiError) => (error.code === 'password-required' ? t('accounts.passwordRequired') : error.code === 'locked' ? t('secrets.lockedError') : apiErrorText(t, error));

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setUsername = (username: string) => setForm((f) => ({ ...f, imap: { ...f.imap, username }, smtp: { ...f.smtp, username } }));

  const payload = () => {
    const { password, ...rest } = form;
    return { ...rest, password: password || undefined, signatureHtml: signature.current?.innerHTML ?? form.signatureHtml };
  };

  const test = async () => {
    setBusy(true);
    setReport(null);
    setMessage({ tone: 'info', text: t('accounts.testing') });
    const { id, signatureHtml: _s, sentFolder: _f, receiptsFolder: _r, receiptsMode: _m, rateLimit: _p, ...fields } = payload();
    const res = await api.testConnection({ ...fields, accountId: id });
    setBusy(false);
    if (res.ok) {
      setReport(res.value);
      setMessage(res.value.ok ? { tone: 'ok', text: t('accounts.testOk') } : null);
    } else setMessage({ tone: 'bad', text: errorText(res.error) });
  };

  const save = async () => {
    setBusy(true);
    const res = await api.saveAccount(payload());
    setBusy(false);
    if (res.ok) {
      setMessage({ tone: 'ok', text: t('accounts.saved') });
      props.onSaved(res.value.id);
    } else setMessage({ tone: 'bad', text: errorText(res.error) });
  };


  return (
    <form
      className="account-form"
      data-testid="account-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {props.account && (
        <p className={`sync-state sync-${props.account.sync.state}`}>
          {t(`sync.${props.account.sync.state}`)}
          {props.account.sync.lastSyncAt && ` · ${formatFullDate(props.account.sync.lastSyncAt)}`}
          {props.account.sync.error && (
            <span className={props.account.sync.state === 'error' ? 'bad' : 'warn'}>
              {' · '}
              {syncStateText(t, props.account.sync)}
            </span>
          )}
        </p>
      )}
      <label className="field">
        <span>{t('accounts.provider')}</span>
        <select
          value={form.providerId ?? ''}
          onChange={(e) => {
            const preset = props.presets.find((p) => p.id === e.target.value);
            setForm((f) => (preset ? withPreset(f, preset) : { ...f, providerId: null }));
          }}
        >
          <option value="">{t('accounts.customProvider')}</option>
          {props.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {form.providerId && props.presets.find((p) => p.id === form.providerId)?.notes && (
        <p className="muted">{props.presets.find((p) => p.id === form.providerId)?.notes}</p>
      )}
      <div className="field-grid">
        <label className="field">
          <span>{t('accounts.name')}</span>
          <input value={form.name} onChange={(e) => set('name', e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('accounts.address')}</span>
          <input
            type="email"
            value={form.address}
            onChange={(e) => {
              const address = e.target.value.trim();
              setForm((f) => {
                const follow = !f.imap.username || f.imap.username === f.address;
                return follow ? { ...f, address, imap: { ...f.imap, username: address }, smtp: { ...f.smtp, username: address } } : { ...f, address };
              });
            }}
            onBlur={() => {
              if (form.providerId) return;
              const domain = form.address.split('@')[1]?.toLowerCase() ?? '';
              const preset = props.presets.find((p) => p.domains.some((d) => domain === d || domain.endsWith(`.${d}`)));
              if (preset) setForm((f) => withPreset(f, preset));
            }}
            required
          />
        </label>
        <label className="field">
          <span>{t('accounts.username')}</span>
          <input value={form.imap.username} onChange={(e) => setUsername(e.target.value)} required autoComplete="username" />
        </label>
        <label className="field">
          <span>{t('accounts.password')}</span>
          <input
            type="password"
            value={form.password}
            onChange={(e) => set('password', e.target.value)}
            placeholder={props.account?.hasPassword ? t('accounts.passwordUnchanged') : ''}
            required={!props.account?.hasPassword}
            autoComplete="current-password"
          />
        </label>
        <label className="field">
          <span>{t('accounts.kind')}</span>
          <select value={form.kind} onChange={(e) => set('kind', e.target.value as FormState['kind'])}>
            <option value="pec">PEC</option>
            <option value="ordinary">{t('accounts.ordinary')}</option>
          </select>
        </label>
      </div>
      <div className="endpoints">
        <EndpointFields label="IMAP" value={form.imap} onChange={(imap) => set('imap', imap)} />
        <EndpointFields label="SMTP" value={form.smtp} onChange={(smtp) => set('smtp', smtp)} />
      </div>
      <div className="field-grid">
        <label className="field">
          <span>{t('accounts.receiptsFolder')}</span>
          <input value={form.receiptsFolder} onChange={(e) => set('receiptsFolder', e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('accounts.receiptsMode')}</span>
          <select value={form.receiptsMode} onChange={(e) => set('receiptsMode', e.target.value as FormState['receiptsMode'])}>
            <option value="local">{t('accounts.receiptsLocal')}</option>
            <option value="move">{t('accounts.receiptsMove')}</option>
          </select>
        </label>
      </div>
      <PaceFields
        value={form.rateLimit}
        preset={props.presets.find((p) => p.id === form.providerId) ?? null}
        pec={form.kind === 'pec'}
        onChange={(rateLimit) => set('rateLimit', rateLimit)}
      />
      <div className="field">
        <span>{t('accounts.signature')}</span>
        <RichTextToolbar editor={signature} testId="signature-toolbar" />
        <div className="signature-editor" ref={signature} contentEditable suppressContentEditableWarning role="textbox" aria-multiline="true" aria-label={t('accounts.signature')} />
      </div>
      {report && (
        <ul className="connection-report" data-testid="connection-report">
          {report.steps.map((s) => (
            <li key={s.service} className={s.ok ? 'ok' : 'bad'}>
              <Icon name={s.ok ? 'check' : 'cross'} /> <strong>{s.service.toUpperCase()}</strong>: {s.ok ? t('accounts.stepOk') : s.problem ? connectionProblemText(t, s.problem) : s.message}
            </li>
          ))}
          {report.warnings.map((w) => (
            <li key={w.service} className="warn">
              <Icon name="warning" /> {securityWarningText(t, w)}
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className={`notice notice-${message.tone}`} role="status">
          {message.text}
        </p>
      )}
      <div className="dialog-actions">
        {form.id && (
          <button type="button" className="danger" onClick={() => setRemoving(true)}>
            {t('accounts.remove')}
          </button>
        )}
        <button type="button" onClick={() => void test()} disabled={busy}>
          {t('accounts.test')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
      </div>
      {removing && form.id && (
        <RemoveAccountDialog accountId={form.id} address={form.address} onClose={() => setRemoving(false)} onRemoved={props.onRemoved} />
      )}
    </form>
  );
}

/** "Ritmo di invio": the user's own pace, with what applies when a field is left empty. */
function PaceFields(props: { value: SendingPace; preset: ProviderPresetView | null; pec: boolean; onChange(value: SendingPace): void }): ReactElement {
  const { t } = useTranslation();
  // The same fallbacks as the main process applies (accounts/limits.ts): the provider's figure, else 30/min for PEC.
  const minuteDefault = props.preset?.perMinute ?? (props.pec ? 30 : null);
  const hourDefault = props.preset?.perHour ?? null;
  const number = (text: string) => (text.trim() === '' ? null : Math.max(1, Math.floor(Number(text))) || null);
  const hint = (fallback: number | null) => (fallback === null ? t('accounts.pace.noLimit') : t('accounts.pace.providerDefault', { count: fallback }));
  return (
    <fieldset className="field-grid pace-fields" data-testid="pace-fields">
      <legend>{t('accounts.pace.title')}</legend>
      <label className="field">
        <span>{t('accounts.pace.perMinute')}</span>
        <input type="number" min={1} max={1000} value={props.value.perMinute ?? ''} placeholder={hint(minuteDefault)} onChange={(e) => props.onChange({ ...props.value, perMinute: number(e.target.value) })} />
      </label>
      <label className="field">
        <span>{t('accounts.pace.perHour')}</span>
        <input type="number" min={1} max={100000} value={props.value.perHour ?? ''} placeholder={hint(hourDefault)} onChange={(e) => props.onChange({ ...props.value, perHour: number(e.target.value) })} />
      </label>
      <p className="muted pace-note">{t('accounts.pace.note')}</p>
    </fieldset>
  );
}
