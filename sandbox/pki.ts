// The sandbox's certificates: one test CA and one signing certificate per sandbox PEC provider.
// Generated once per start (or per test file, passed to several sandboxes), or cached in a folder so
// the CLI keeps the CA a user has chosen to trust.
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_PROVIDERS } from './domains';
import { createTestCa, issueProviderCert, loadOrCreateCa, loadOrIssueProviderCert, pecProvider, type PecProvider, type TestCa } from './provider';

/** The CA and the ready-to-sign sandbox providers. */
export interface SandboxPki {
  ca: TestCa;
  providers: PecProvider[];
}

/** Creates the sandbox PKI; with `dir`, reuses (or writes) ca.pem/ca.key and provider-<domain>.pem/.key there. */
export async function createSandboxPki(options: { dir?: string } = {}): Promise<SandboxPki> {
  const { dir } = options;
  const ca = dir ? await loadOrCreateCa(dir) : await createTestCa();
  const providers = await Promise.all(
    SANDBOX_PROVIDERS.map(async (spec) => {
      const cert = dir ? await loadOrIssueProviderCert(dir, ca, spec) : await issueProviderCert(ca, spec);
      return pecProvider(cert, spec);
    }),
  );
  return { ca, providers };
}

/**
 * Where a sandbox started without a folder of its own (`npm run web -- --sandbox`, a new temporary
 * one each launch) keeps its certificates between launches: the user's cache folder. They are test
 * certificates that only the sandbox's own index vouches for; reusing them spares each launch three
 * RSA key generations (the CA and one per provider).
 */
export function userPkiCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'pecdesk', 'sandbox-pki');
}
