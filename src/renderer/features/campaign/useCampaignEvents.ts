// The send engine's reports as the campaign UI uses them: the latest progress of a campaign
// (counters and pacing between two queries), and a reload when its state or a recipient changes.
import { useEffect, useRef, useState } from 'react';
import type { SendEvent } from '../../../shared/api-send-values';
import { onEvent } from '../../api';

/** The latest progress event of one campaign. */
export type CampaignProgress = Extract<SendEvent, { kind: 'progress' }>;

// A burst of recipient events (one per message) needs one re-query, not one each.
const RELOAD_DEBOUNCE_MS = 300;

/** Listens to one campaign's events (null: every campaign's): returns its latest progress, calls reload after changes. */
export function useCampaignEvents(campaignId: number | null, reload: () => void): CampaignProgress | null {
  const [progress, setProgress] = useState<CampaignProgress | null>(null);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((e) => {
      if (e.type !== 'campaign' || !('campaignId' in e.event) || (campaignId !== null && e.event.campaignId !== campaignId)) return;
      if (e.event.kind === 'progress' && campaignId !== null) setProgress(e.event);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reloadRef.current(), RELOAD_DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [campaignId]);
  return progress;
}
