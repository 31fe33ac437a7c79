// What each real provider file in test/fixtures/pec-real/ is, read by hand from the file itself
// (headers, daticert.xml, postacert.eml) and from SOURCES.md (the "Sig" column: openssl's verdict).
import path from 'node:path';
import type { PecKind, ReceiptType, ReceiptVariant } from '../../../../src/shared/pec';

/** The folder of the real fixtures (a sibling of the checkout). */
export const REAL_DIR = path.resolve(__dirname, '../../../fixtures/pec-real');

/** Expected reading of one real file. */
export interface RealExpectation {
  file: string;
  kind: PecKind;
  receiptType?: ReceiptType;
  variant?: ReceiptVariant | null;
  refMessageId?: string;
  identificativo?: string | null;
  /** SOURCES.md: OK → true, FAIL → false, n/a → null (no signature part). */
  signature: boolean | null;
  original?: { from: string; subject: string; messageId: string; attachments: string[] } | null;
  problems?: RegExp;
}

const ARUBA_2014_M = '1415985992.182905912399292.346704098667155-openerp-private@elbati-Vostro-3550';
const ARUBA_2018_M = '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550';
const FAKEPEC_I = 'opec210312.20241115182038.288127.606.1.53@fakepec.it';
const SDI_ATTACHMENT = 'IT02652600210_00007_MT_002.xml';

/** Every .eml in pec-real, with what PecDesk must read from it. */
export const REAL_FIXTURES: RealExpectation[] = [
  {
    file: 'aruba-2014-accettazione.eml',
    kind: 'receipt',
    receiptType: 'accettazione',
    variant: null,
    refMessageId: ARUBA_2014_M,
    identificativo: 'opec275.20141114182632.23219.07.1.48@pec.aruba.it',
    signature: true,
    original: null,
  },
  {
    file: 'aruba-2014-avvenuta-consegna-completa.eml',
    kind: 'receipt',
    receiptType: 'avvenuta-consegna',
    variant: 'completa',
    refMessageId: ARUBA_2014_M,
    identificativo: 'opec275.20141114182632.23219.07.1.48@pec.aruba.it',
    signature: true,
    original: { from: 'l.battistini@pec.it', subject: 'test private', messageId: ARUBA_2014_M, attachments: [] },
  },
  {
    file: 'aruba-2014-posta-certificata-completa.eml',
    kind: 'envelope',
    identificativo: 'opec275.20141107165200.03048.08.1.17@pec.aruba.it',
    signature: true,
    original: { from: 'thinkstudio@pec.it', subject: 'Re: archetipo', messageId: 'NEOEQO$8B558E13C0664DE7004C1EFB790D1A09@pec.it', attachments: [] },
  },
  {
    file: 'aruba-2014-posta-certificata-no-tiporicevuta.eml',
    kind: 'envelope',
    identificativo: 'opec275.20141127151216.06559.08.1.17@pec.aruba.it',
    signature: true,
    original: { from: 'thinkstudio@pec.it', subject: 'Re: test', messageId: '1417097534.920250892639160.712427135196036-openerp-private@master', attachments: [] },
  },
  {
    file: 'aruba-2018-accettazione.eml',
    kind: 'receipt',
    receiptType: 'accettazione',
    variant: null,
    refMessageId: ARUBA_2018_M,
    identificativo: 'opec288.20181113163926.01838.310.1.63@pec.aruba.it',
    signature: true,
    original: null,
  },
  {
    file: 'aruba-2018-avvenuta-consegna-completa.eml',
    kind: 'receipt',
    receiptType: 'avvenuta-consegna',
    variant: 'completa',
    refMessageId: ARUBA_2018_M,
    identificativo: 'opec288.20181113163926.01838.310.1.63@pec.aruba.it',
    signature: true,
    original: { from: 'l.battistini@pec.it', subject: 'IT03339130126_00009.xml', messageId: ARUBA_2018_M, attachments: ['IT03339130126_00009.xml'] },
  },
  {
    file: 'aruba-2023-posta-certificata-completa.eml',
    kind: 'envelope',
    identificativo: 'opec21010.20230818173714.75133.134.1.56@pec.aruba.it',
    signature: true,
    original: {
      from: 'sviluppo@pec.datamanagementitalia.it',
      subject: '[XDCR] xdcr_2022_02_00583.txt',
      messageId: 'RZLFE1$D00882600B2330420CAE7B3643F81CDD@pec.datamanagementitalia.it',
      // RFC 2047-encoded name in the file: =?utf-8?Q?xdcr=5F2022=5F02=5F00583.txt?=
      attachments: ['xdcr_2022_02_00583.txt'],
    },
  },
  ...['', '-broken-inner-xml', '-p7m'].map(
    (suffix): RealExpectation => ({
      file: `sogei-2018-posta-certificata-breve-sdi-invio-file${suffix}.eml`,
      kind: 'envelope',
      identificativo: 'opec288.20181208122618.17535.2665.1.3@pcert.sogei.it',
      signature: false,
      original: {
        from: 'sdi03@pec.fatturapa.it',
        subject: 'Invio File 7339338 (SIMULAZIONE)',
        messageId: '4163125586355393.1544268377979@pec.fatturapa.it',
        attachments: [SDI_ATTACHMENT, suffix === '-p7m' ? 'IT01234567890_FPR04.xml.p7m' : 'IT02652600210_00007.xml'],
      },
    }),
  ),
  {
    // An SdI "Ricevuta di consegna" carried in a normal envelope: not a PEC receipt.
    file: 'sogei-2018-posta-certificata-breve-sdi-ricevuta-consegna.eml',
    kind: 'envelope',
    identificativo: 'opec288.20181113164732.05177.8374.1.1@pcert.sogei.it',
    signature: false,
    original: { from: 'sdi03@pec.fatturapa.it', subject: 'Ricevuta di consegna 6782414 (SIMULAZIONE)', messageId: '5168561142842364.1542124052746@pec.fatturapa.it', attachments: ['IT03339130126_00009_RC_003.xml'] },
  },
  {
    // No daticert.xml in this copy: the envelope's own Message-ID is the identificativo.
    file: 'sogei-2019-posta-certificata-breve-sdi-notifica-mancata-consegna-no-daticert.eml',
    kind: 'envelope',
    identificativo: 'opec288.20190104213401.26494.1867.1.1@pcert.sogei.it',
    signature: false,
    original: { from: 'sdi48@pec.fatturapa.it', subject: 'Notifica di mancata consegna 141107829', messageId: '29868973923542086.1546634040973@pec.fatturapa.it', attachments: ['IT14627831002_02621_MC_001.xml'] },
    problems: /daticert\.xml is missing/,
  },
  ...['', '-with-p7s'].flatMap((suffix): RealExpectation[] => [
    {
      file: `fakepec-2024-accettazione-anonymized${suffix}.eml`,
      kind: 'receipt',
      receiptType: 'accettazione',
      variant: null,
      refMessageId: 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it',
      identificativo: FAKEPEC_I,
      signature: suffix ? false : null,
      original: null,
    },
    {
      // The header says @pec.it, daticert msgid @fakepec.it: the signed daticert decides refMessageId.
      file: `fakepec-2024-errore-consegna-no-dest-anonymized${suffix}.eml`,
      kind: 'receipt',
      receiptType: 'errore-consegna',
      variant: null,
      refMessageId: 'SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it',
      identificativo: FAKEPEC_I,
      signature: suffix ? false : null,
      original: null,
    },
  ]),
  {
    file: 'anon-2021-avvenuta-consegna-completa-sha256.eml',
    kind: 'receipt',
    receiptType: 'avvenuta-consegna',
    variant: 'completa',
    refMessageId: 'CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com',
    signature: false,
    original: { from: 'no-reply@example.com', subject: 'Subject', messageId: 'CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com', attachments: ['=pdf.pdf?=', '=pdf.pdf?='] },
  },
  {
    file: 'anon-2021-posta-certificata-completa-sha256.eml',
    kind: 'envelope',
    signature: false,
    original: { from: 'no-reply@example.com', subject: 'POSTA CERTIFICATA: SUBJECT', messageId: 'CZPXCJRZKQDRVAAHEVAEXAKN@example.com', attachments: [] },
  },
  // A postacert.eml saved on its own is an ordinary message: no X-Ricevuta, no X-Trasporto.
  ...['html', 'newline', 'plain', 'plain_and_html'].map((name): RealExpectation => ({ file: `postacert-inner-${name}.eml`, kind: 'ordinary', signature: null, original: null })),
];
