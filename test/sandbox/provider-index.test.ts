import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox';
import { certificateDer } from '../../sandbox/provider';
import { loadCurrentIndex } from '../../src/main/store';
import { ProviderIndexService } from '../../src/main/trust';
import { withStore } from '../main/store/helpers';
import { sha1Hex } from '../main/trust/index-helpers';
import { readInbox } from './helpers';
import { signerCertificateDer } from '../../src/main/pec';
import nodemailer from 'nodemailer';

test("the sandbox serves its gestori's index over loopback HTTP, and PecDesk downloads it through the real path", async () => {
  const sandbox = await startSandbox();
  try {
    assert.match(sandbox.providerIndexUrl, /^http:\/\/127\.0\.0\.1:\d+\/indice-gestori-pec\.ldif$/);
    await withStore(async (store) => {
      const service = new ProviderIndexService(store);
      assert.ok(service.setUrl(sandbox.providerIndexUrl).ok);
      const outcome = await service.updateIfDue();
      assert.ok(outcome?.ok, outcome && !outcome.ok ? outcome.detail : 'not due');
      assert.equal(outcome.info.source, sandbox.providerIndexUrl);
      assert.equal(outcome.info.providers, 2);
      assert.equal(outcome.info.domains, 2);
      const snapshot = loadCurrentIndex(store)!;
      for (const provider of sandbox.providers) {
        const found = snapshot.providerByCertificateSha1(sha1Hex(certificateDer(provider.signer.cert)));
        assert.equal(found?.name, provider.name);
        assert.deepEqual(found?.managedDomains, [provider.domain]);
        assert.equal(found?.mailReceipt, `posta-certificata@${provider.domain}`);
        assert.equal(snapshot.providerForDomain(provider.domain)?.name, provider.name);
      }

      // The certificate that signs the sandbox's receipts is the one its index names.
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user: 'mario.rossi@pec.alfa.test', pass: 'sandbox' } });
      await transport.sendMail({ from: 'mario.rossi@pec.alfa.test', to: 'ufficio@pec.beta.test', subject: 'indice', text: 'prova' });
      transport.close();
      await sandbox.whenIdle();
      const [accettazione] = await readInbox(sandbox, 'mario.rossi@pec.alfa.test');
      const signer = signerCertificateDer(accettazione);
      assert.ok(signer);
      assert.equal(snapshot.providerByCertificateSha1(sha1Hex(signer))?.name, 'Alfa PEC S.p.A.');
    });
  } finally {
    await sandbox.stop();
  }
});
