// The banner under the toolbar after the engine (the process doing the PEC work) died: the host
// restarted it, and whatever was under way then failed with 'engine-restarted', so the user should
// look again. When the host gave up restarting it, the banner says to reopen PecDesk.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineEvent } from '../../../shared/api';
import { onEvent } from '../../api';
import { Icon } from '../../components/Icon';
import './engine-banner.css';

/** The banner, or nothing while the engine never died (or the user closed the notice). */
export function EngineBanner(): ReactElement | null {
  const { t } = useTranslation();
  const [state, setState] = useState<EngineEvent['state'] | null>(null);
  useEffect(() => onEvent((event) => event.type === 'engine' && setState(event.state)), []);
  if (!state) return null;
  return (
    <div className={`engine-banner engine-banner-${state}`} role="alert" data-testid="engine-banner">
      <Icon name="warning" />
      <span>{t(state === 'restarted' ? 'engine.restarted' : 'engine.stopped')}</span>
      {state === 'restarted' && (
        <button type="button" onClick={() => setState(null)} aria-label={t('engine.dismiss')} data-testid="engine-banner-dismiss">
          ×
        </button>
      )}
    </div>
  );
}
