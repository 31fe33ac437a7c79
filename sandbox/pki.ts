// The sandbox's certificates: one test CA and one signing certificate per sandbox PEC provider.
// Generated once per start (or per test file, passed to several sandboxes), or cached in a folder so
// the CLI keeps the CA a user has chosen to trust.
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
