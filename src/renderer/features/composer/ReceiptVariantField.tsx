// The requested receipt type (X-TipoRicevuta, DM 2/11/2005) of a composer: completa, breve or
// sintetica. Shared by the ordinary composer and the bulk-send one.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptVariant } from '../../../shared/pec';

const VARIANTS = ['completa', 'breve', 'sintetica'] as const satisfies readonly ReceiptVariant[];

/** The labelled receipt-type select. */
export function ReceiptVariantField({ value, onChange, name }: { value: ReceiptVariant; onChange(variant: ReceiptVariant): void; name?: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <label>
      <span>{t('composer.receipt')}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as ReceiptVariant)}>
        {VARIANTS.map((v) => (
          <option key={v} value={v}>
            {t(`variant.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
