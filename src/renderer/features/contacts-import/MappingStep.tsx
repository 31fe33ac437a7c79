// Step 2 of the import wizard: the first rows of the sheet as they will be read, the header row
// (found automatically, changeable), what each column becomes (remembered per file layout), the
// group the contacts join and what to do with duplicates.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_COLUMNS, type ColumnTarget, type DuplicatePolicy, type GroupView, type ImportPreviewView } from '../../../shared/api-contacts';
import { columnLetter, freeTarget, headersAt, type ImportSettings } from './settings';

// Data rows shown under the header: enough to recognise the columns.
const SAMPLE_ROWS = 8;
const POLICIES: DuplicatePolicy[] = ['skip', 'update', 'keep-both'];

function ColumnSelect(props: { index: number; header: string; value: ColumnTarget; onChange(target: ColumnTarget): void }): ReactElement {
  const { t } = useTranslation();
  const free = freeTarget(props.header, props.index);
  const frees = props.value.startsWith('free:') && props.value !== free ? [props.value, free] : [free];
  const label = props.header || t('contactsImport.column', { letter: columnLetter(props.index) });
  return (
    <select aria-label={t('contactsImport.columnTarget', { column: label })} data-testid="column-target" value={props.value} onChange={(e) => props.onChange(e.target.value as ColumnTarget)}>
      {CONTACT_COLUMNS.map((c) => (
        <option key={c} value={c}>
          {t(`contactsImport.target.${c}`)}
        </option>
      ))}
      {frees.map((f) => (
        <option key={f} value={f}>
          {t('contactsImport.target.free', { field: `{{${f.slice(5)}}}` })}
        </option>
      ))}
      <option value="ignore">{t('contactsImport.target.ignore')}</option>
    </select>
  );
}

/** The mapping page. */
export function MappingStep(props: {
  preview: ImportPreviewView;
  settings: ImportSettings;
  groups: GroupView[];
  onChange(settings: ImportSettings): void;
  onSheet(sheetIndex: number): void;
}): ReactElement {
  const { t } = useTranslation();
  const { preview, settings } = props;
  const { mapping } = settings;
  const headers = headersAt(preview, mapping.headerRowIndex);
  const setMapping = (next: Partial<ImportSettings['mapping']>) => props.onChange({ ...settings, mapping: { ...mapping, ...next } });
  const setTarget = (index: number, target: ColumnTarget) =>
    // A field can come from one column only: the column that had it before goes back to a free field.
    setMapping({ columns: mapping.columns.map((old, i) => (i === index ? target : old === target && target !== 'ignore' && !target.startsWith('free:') ? freeTarget(headers[i], i) : old)) });
  const firstData = mapping.headerRowIndex + 1;
  const shownRows = preview.rows.slice(0, firstData + SAMPLE_ROWS);
  const remembered = preview.rememberedMapping !== null;

  return (
    <div className="import-mapping">
      <div className="import-options">
        {preview.sheets.length > 1 && (
          <label className="field">
            <span>{t('contactsImport.sheet')}</span>
            <select value={preview.sheetIndex} onChange={(e) => props.onSheet(Number(e.target.value))}>
              {preview.sheets.map((s) => (
                <option key={s.index} value={s.index} disabled={s.tooManyRows}>
                  {s.name} ({t('contactsImport.rows', { count: s.rows })}
                  {s.hidden ? `, ${t('contactsImport.hiddenSheet')}` : ''}
                  {s.tooManyRows ? `, ${t('contactsImport.tooBig')}` : ''})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('contactsImport.headerRow')}</span>
          <select value={mapping.headerRowIndex} onChange={(e) => setMapping({ headerRowIndex: Number(e.target.value) })} data-testid="header-row">
            <option value={-1}>{t('contactsImport.noHeader')}</option>
            {preview.rows.map((row, i) => (
              <option key={i} value={i}>
                {t('contactsImport.rowN', { n: i + 1 })}: {row.filter(Boolean).slice(0, 3).join(' · ').slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted import-facts">
          {preview.format === 'csv' && t('contactsImport.csvFacts', { encoding: preview.encoding ?? '?', delimiter: preview.delimiter === '\t' ? 'TAB' : preview.delimiter })}{' '}
          {t('contactsImport.dataRows', { count: preview.dataRowCount })}
          {remembered && ` ${t('contactsImport.remembered')}`}
        </p>
      </div>

      <div className="import-preview-wrap">
        <table className="import-preview" data-testid="import-preview">
          <thead>
            <tr>
              <th />
              {headers.map((h, i) => (
                <th key={i}>
                  <ColumnSelect index={i} header={h} value={mapping.columns[i] ?? 'ignore'} onChange={(target) => setTarget(i, target)} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownRows.map((row, r) => (
              <tr key={r} className={r === mapping.headerRowIndex ? 'header-row' : r < firstData ? 'skipped-row' : ''}>
                <th>{r + 1}</th>
                {headers.map((_, i) => (
                  <td key={i} className={mapping.columns[i] === 'ignore' ? 'ignored' : ''} title={row[i]}>
                    {row[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="import-choices">
        <fieldset>
          <legend>{t('contactsImport.group')}</legend>
          <label className="checkbox">
            <input type="radio" name="group" checked={settings.group.kind === 'none'} onChange={() => props.onChange({ ...settings, group: { kind: 'none' } })} /> {t('contactsImport.noGroup')}
          </label>
          <label className="checkbox">
            <input type="radio" name="group" checked={settings.group.kind === 'new'} onChange={() => props.onChange({ ...settings, group: { kind: 'new', name: preview.name.replace(/\.[^.]+$/, '') } })} />{' '}
            {t('contactsImport.newGroup')}
            <input
              type="text"
              aria-label={t('contactsImport.newGroupName')}
              data-testid="new-group-name"
              value={settings.group.kind === 'new' ? settings.group.name : ''}
              onFocus={() => settings.group.kind !== 'new' && props.onChange({ ...settings, group: { kind: 'new', name: '' } })}
              onChange={(e) => props.onChange({ ...settings, group: { kind: 'new', name: e.target.value } })}
            />
          </label>
          {props.groups.length > 0 && (
            <label className="checkbox">
              <input type="radio" name="group" checked={settings.group.kind === 'existing'} onChange={() => props.onChange({ ...settings, group: { kind: 'existing', groupId: props.groups[0].id } })} />{' '}
              {t('contactsImport.existingGroup')}
              <select
                aria-label={t('contactsImport.existingGroup')}
                value={settings.group.kind === 'existing' ? settings.group.groupId : ''}
                onChange={(e) => props.onChange({ ...settings, group: { kind: 'existing', groupId: Number(e.target.value) } })}
              >
                {settings.group.kind !== 'existing' && <option value="" />}
                {props.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name} ({g.memberCount})
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('contactsImport.duplicates')}</legend>
          {POLICIES.map((p) => (
            <label key={p} className="checkbox">
              <input type="radio" name="policy" checked={settings.policy === p} onChange={() => props.onChange({ ...settings, policy: p })} /> {t(`contactsImport.policy.${p}`)}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
