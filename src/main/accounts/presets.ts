// Provider presets (resources/providers.json): host, port and limits of the main Italian PEC
// providers, so a user types an address and a password and little else. The data file says
// where each value comes from; it is checked here when loaded, so a typo fails the tests.
import { z } from 'zod';
import providersData from '../../../resources/providers.json';
import { parseAccountSettings, addressDomain, type ServerEndpoint, type SettingsResult } from './settings';

const presetEndpointSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
});

const presetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(['pec', 'ordinary']),
  domains: z.array(z.string().regex(/^[a-z0-9.-]+$/)),
  imap: presetEndpointSchema.nullable(),
  smtp: presetEndpointSchema.nullable(),
  /** What the provider expects as login: the full address, or its own user id (InfoCert). */
  username: z.enum(['address', 'user-id']),
  limits: z.object({
    maxMessageBytes: z.number().int().positive().optional(),
    maxRecipients: z.number().int().positive().optional(),
    perMinute: z.number().int().positive().optional(),
    perHour: z.number().int().positive().optional(),
  }),
  /** true when a page of the provider itself confirms the values. */
  verified: z.boolean(),
  source: z.string().min(1),
  notes: z.string().optional(),
});

/** One provider preset as described in resources/providers.json. */
export type ProviderPreset = z.infer<typeof presetSchema>;

/** Every preset, in the order the account dialog lists them ("other" last). */
export const PROVIDER_PRESETS: readonly ProviderPreset[] = z.object({ providers: z.array(presetSchema) }).parse(providersData).providers;

/** The preset with this id, or null. */
export function findPreset(id: string): ProviderPreset | null {
  return PROVIDER_PRESETS.find((p) => p.id === id) ?? null;
}

/** The preset whose mail domain matches the address (exact or a subdomain, e.g. studio.pec.it), or null. */
export function presetForAddress(address: string): ProviderPreset | null {
  const domain = addressDomain(address);
  return PROVIDER_PRESETS.find((p) => p.domains.some((d) => domain === d || domain.endsWith(`.${d}`))) ?? null;
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<Pick<T, K>>;
}

/** What a user types on top of a preset; endpoints replace the preset's (needed for "other"). */
export interface PresetInput {
  name: string;
  address: string;
  /** Login, when it is not the address (InfoCert user id). */
  username?: string;
  imap?: Partial<ServerEndpoint>;
  smtp?: Partial<ServerEndpoint>;
}

/** Builds validated AccountSettings from a preset and the user's own values. */
export function settingsFromPreset(presetId: string, input: PresetInput): SettingsResult {
  const preset = findPreset(presetId);
  if (!preset) return { ok: false, code: 'invalid-settings', detail: `unknown provider "${presetId}"`, issues: [{ path: 'providerId', message: 'unknown provider' }] };
  const username = input.username ?? input.address;
  const endpoint = (base: ProviderPreset['imap'], own: Partial<ServerEndpoint> | undefined) => ({ ...base, username, ...own });
  return parseAccountSettings({
    name: input.name,
    address: input.address,
    kind: preset.kind,
    providerId: preset.id,
    imap: endpoint(preset.imap, input.imap),
    smtp: endpoint(preset.smtp, input.smtp),
    // Only the limits the preset states: an absent figure must stay absent, not become a key holding undefined.
    rateLimit: pick(preset.limits, ['perMinute', 'perHour']),
    ...pick(preset.limits, ['maxMessageBytes', 'maxRecipients']),
  });
}
