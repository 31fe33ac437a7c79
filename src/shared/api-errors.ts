// Every failure the API words, in both UI languages. The engine answers with a reason and its
// values (ApiError.reason, .params) beside an Italian message for logs and the CLI; the window words
// the same reason in its own language (src/renderer/i18n/api-error.ts), so a screen never shows an
// answer in the other language. Texts use i18next's {{name}} interpolation on both sides.

import { textsIn, type Bilingual } from './bilingual';

export const API_ERROR_TEXTS = {
  'unknown-method': { it: 'Il metodo API {{method}} non esiste.', en: 'There is no API method {{method}}.' },
  // A payload the schema refused: a bug of the caller, or a value the window did not check (the
  // composer maps the issues back to its fields: field-errors.ts).
  'invalid-request': { it: 'Richiesta non valida per {{method}}: {{issues}}', en: 'Invalid request for {{method}}: {{issues}}' },
  // A bug: the detail is the program's own words, in English.
  internal: { it: 'Errore interno in {{method}}: {{detail}}', en: 'Internal error in {{method}}: {{detail}}' },

  // Accounts and their passwords. The settings' issues are the schema's words, as for invalid-request;
  // a file's detail is the system's error.
  'account-missing': { it: 'L’account {{accountId}} non esiste.', en: 'There is no account {{accountId}}.' },
  'account-gone': { it: 'L’account non esiste (più).', en: 'The account does not exist (any more).' },
  'account-settings-invalid': { it: 'Le impostazioni dell’account non sono valide: {{issues}}', en: 'The account settings are not valid: {{issues}}' },
  'account-address-taken': { it: '{{address}} è già l’indirizzo di un altro account.', en: '{{address}} is already the address of another account.' },
  'account-address-archived': {
    it: '{{address}} è l’indirizzo di un account rimosso, la cui posta è conservata in archivio: non si può usare per un nuovo account.',
    en: '{{address}} is the address of a removed account whose mail is kept in the archive: it cannot be used for a new account.',
  },
  'account-not-saved': { it: 'L’account non è stato salvato: {{detail}}', en: 'The account was not saved: {{detail}}' },
  'account-password-again': {
    it: 'Server, porta, sicurezza o nome utente sono cambiati: scrivi di nuovo la password, perché quella salvata vale solo per i server per cui è stata salvata.',
    en: 'The server, port, security or username changed: type the password again, as the saved one is only for the servers it was saved for.',
  },
  'account-no-saved-password': {
    it: 'Per questo account non è salvata nessuna password: scrivila nelle impostazioni dell’account.',
    en: 'No password is saved for this account: type it in the account’s settings.',
  },
  'account-no-password': { it: 'Per {{address}} non è salvata nessuna password: inseriscila in Account…', en: 'No password is saved for {{address}}: enter it in Accounts…' },
  'connection-test-needs-password': { it: 'Scrivi la password per provare la connessione.', en: 'Type the password to test the connection.' },
  'connection-test-password-again': {
    it: 'Le impostazioni del server sono cambiate: scrivi di nuovo la password per provare la connessione.',
    en: 'The server settings changed: type the password again to test the connection.',
  },
  'connection-test-no-password': {
    it: 'Per questo account non è salvata nessuna password: scrivila per provare la connessione.',
    en: 'No password is saved for this account: type it to test the connection.',
  },
  'keychain-unavailable': { it: 'Il portachiavi del sistema non è disponibile: la password non è stata salvata.', en: 'The system keychain is not available: the password was not saved.' },
  'saved-password-unreadable': {
    it: 'La password salvata non si può decifrare su questo computer: scrivila di nuovo nelle impostazioni dell’account.',
    en: 'The saved password cannot be decrypted on this computer: type it again in the account’s settings.',
  },
  'passwords-file-io': { it: 'Il file delle password salvate non si può leggere o scrivere: {{detail}}', en: 'The file of saved passwords cannot be read or written: {{detail}}' },
  'passwords-file-damaged': { it: 'Il file delle password salvate è danneggiato: {{detail}}', en: 'The file of saved passwords is damaged: {{detail}}' },
  'passwords-locked': { it: 'Le password salvate sono bloccate: scrivi la password principale per sbloccarle.', en: 'Saved passwords are locked: type the master password to unlock them.' },
  'master-password-wrong': { it: 'La password principale non è corretta.', en: 'The master password is not correct.' },
  'master-password-too-short': { it: 'La password principale deve avere almeno {{min}} caratteri.', en: 'The master password needs at least {{min}} characters.' },
  'master-password-already-set': { it: 'Una password principale è già impostata: sblocca le password con quella.', en: 'A master password is already set: unlock the passwords with it.' },
  'master-password-not-needed': {
    it: 'Qui le password sono custodite dal portachiavi del sistema: non serve una password principale.',
    en: 'Here the passwords are kept by the system keychain: no master password is needed.',
  },

  // Saving into a folder the user chose, and a message's attachments.
  'chosen-folder-gone': { it: 'La cartella scelta non è più valida: sceglila di nuovo.', en: 'The chosen folder is no longer valid: choose it again.' },
  'save-names-taken': { it: 'Nella cartella {{folder}} ci sono già file con questi nomi: nulla è stato salvato.', en: 'The folder {{folder}} already has files with these names: nothing was saved.' },
  'save-overwrite-declined': { it: 'Non è stato salvato nulla: i file già presenti sono rimasti com’erano.', en: 'Nothing was saved: the files already there were kept as they were.' },
  'save-folder-missing': { it: 'La cartella {{folder}} non esiste più: scegline un’altra.', en: 'The folder {{folder}} no longer exists: choose another one.' },
  'save-failed': { it: 'Impossibile scrivere nella cartella {{folder}}: {{cause}}', en: 'Could not write into the folder {{folder}}: {{cause}}' },
  'message-part-missing': { it: 'Il messaggio non ha la parte {{partId}}.', en: 'The message has no part {{partId}}.' },
  'message-signed-part-missing': {
    it: 'Il messaggio non ha la parte {{partId}} con un documento firmato all’interno.',
    en: 'The message has no part {{partId}} with a signed document inside.',
  },
  'message-no-attachments': { it: 'Il messaggio non ha allegati.', en: 'The message has no attachments.' },
  // An attachment that could run a program is not opened: the window offers to save it instead.
  'attachment-may-run-program': {
    it: '{{name}} potrebbe avviare programmi su questo computer (è un file .{{extension}}): salvalo e controllalo prima di aprirlo.',
    en: '{{name}} could run programs on this computer (it is a .{{extension}} file): save it and check it before opening.',
  },
  'attachment-disguised-name': {
    it: '{{name}} potrebbe avviare programmi su questo computer (il nome nasconde la sua vera estensione): salvalo e controllalo prima di aprirlo.',
    en: '{{name}} could run programs on this computer (its name hides its real extension): save it and check it before opening.',
  },
  'attachment-program-content': {
    it: '{{name}} potrebbe avviare programmi su questo computer (il contenuto è un {{format}}): salvalo e controllalo prima di aprirlo.',
    en: '{{name}} could run programs on this computer (its content is a {{format}}): save it and check it before opening.',
  },
  'attachment-has-macros': {
    it: '{{name}} potrebbe avviare programmi su questo computer (è un documento Office con macro): salvalo e controllalo prima di aprirlo.',
    en: '{{name}} could run programs on this computer (it is an Office document with macros): save it and check it before opening.',
  },
  'open-with-system-desktop-only': {
    it: 'L’apertura dei file con i programmi del sistema è disponibile nell’app desktop.',
    en: 'Opening files with the system’s programs is available in the desktop app.',
  },

  // Archiving and importing mail archives.
  'archive-busy': {
    it: 'Un’archiviazione o un’importazione è già in corso: attendi che finisca o annullala.',
    en: 'An archiving or an import is already running: wait for it to end, or cancel it.',
  },
  'archive-nothing-selected': { it: 'Nessun messaggio da archiviare in questa scelta.', en: 'There are no messages to archive in this selection.' },
  'archive-cancelled': { it: 'Archiviazione annullata: nessun file è stato lasciato a metà.', en: 'Archiving cancelled: no file was left half-written.' },
  'archive-message-changed': {
    it: 'Un messaggio della scelta non è più quello conservato da PecDesk (manca o non corrisponde più all’impronta registrata): archiviazione fermata, nessun file è stato lasciato a metà.',
    en: 'A message of the selection is no longer the one PecDesk kept (it is missing or no longer matches its recorded fingerprint): archiving stopped, no file was left half-written.',
  },
  'archive-not-written': {
    it: 'L’archivio non si è potuto scrivere nella cartella scelta: controlla che ci sia spazio libero e che la cartella sia scrivibile, poi riprova. Nessun file è stato lasciato a metà.',
    en: 'The archive could not be written in the chosen folder: check that there is free space and that the folder is writable, then try again. No file was left half-written.',
  },
  'archive-not-verified': {
    it: 'L’archivio, riletto dal disco, non corrisponde a ciò che è stato scritto: nulla è stato tolto dal server. Riprova, se possibile su un altro disco.',
    en: 'Read back from the disk, the archive does not match what was written: nothing was removed from the server. Try again, on another disk if you can.',
  },
  'archive-import-wrong-file': { it: '{{name}}: scegli un archivio .zip o un messaggio .eml.', en: '{{name}}: choose a .zip archive or an .eml message.' },
  'archive-import-disk-full': {
    it: 'Disco pieno: {{stored}} messaggi conservati prima. Libera spazio e importa di nuovo lo stesso archivio.',
    en: 'Disk full: {{stored}} messages were kept before it filled up. Free some space and import the same archive again.',
  },

  // Bulk sends (campaigns), their drafts' recipients, templates and evidence. A failure's code covers
  // several situations; the call picks the reason (src/main/api/campaigns.ts).
  'campaign-missing': { it: 'La campagna {{campaignId}} non esiste (più).', en: 'Campaign {{campaignId}} does not exist (any more).' },
  'campaign-draft-invalid': { it: 'La bozza della campagna non è valida: {{issues}}', en: 'The campaign draft is not valid: {{issues}}' },
  'campaign-attachment-gone': { it: 'L’allegato {{attachmentId}} non è più nella bozza: allegalo di nuovo.', en: 'Attachment {{attachmentId}} is no longer in the draft: attach it again.' },
  'campaign-started-no-edit': {
    it: 'La campagna {{campaignId}} è già stata avviata: non si può più modificare.',
    en: 'Campaign {{campaignId}} has already been started: it can no longer be changed.',
  },
  'campaign-started-kept': {
    it: 'La campagna {{campaignId}} è stata avviata: resta come prova dell’invio.',
    en: 'Campaign {{campaignId}} was started: it stays as evidence of the sending.',
  },
  'campaign-recipient-missing': { it: 'La campagna {{campaignId}} non ha il destinatario {{recipientId}}.', en: 'Campaign {{campaignId}} has no recipient {{recipientId}}.' },
  'campaign-recipients-over-max': {
    it: 'Una campagna ha al massimo {{max}} destinatari: c’è posto ancora per {{room}}.',
    en: 'A campaign has at most {{max}} recipients: there is room for {{room}} more.',
  },
  'campaign-account-gone': {
    it: 'L’account della campagna è stato rimosso: la campagna non si può più controllare né inviare.',
    en: 'The campaign’s account was removed: the campaign can no longer be checked or sent.',
  },
  'campaign-not-a-draft': { it: 'La campagna {{campaignId}} è già stata avviata: si avvia solo una bozza.', en: 'Campaign {{campaignId}} has already been started: only a draft can be started.' },
  'campaign-checks-failed': {
    it: 'La campagna non ha superato i controlli prima dell’invio: correggi gli errori indicati.',
    en: 'The campaign did not pass the checks before sending: correct the errors listed.',
  },
  'campaign-not-sending': { it: 'La campagna {{campaignId}} non è in invio: non si può sospendere.', en: 'Campaign {{campaignId}} is not sending: it cannot be paused.' },
  'campaign-not-paused': { it: 'La campagna {{campaignId}} non è sospesa: non si può riprendere.', en: 'Campaign {{campaignId}} is not paused: it cannot be resumed.' },
  'campaign-already-ended': { it: 'La campagna {{campaignId}} è già conclusa o annullata.', en: 'Campaign {{campaignId}} has already ended or been cancelled.' },
  'campaign-no-failed-recipients': { it: 'La campagna {{campaignId}} non ha destinatari in errore.', en: 'Campaign {{campaignId}} has no failed recipients.' },
  'template-missing': { it: 'Il modello {{templateId}} non esiste (più).', en: 'Template {{templateId}} does not exist (any more).' },
  'template-name-invalid': { it: 'Il nome del modello deve avere da 1 a {{max}} caratteri.', en: 'The template name must be 1 to {{max}} characters long.' },
  'sent-message-missing': { it: 'Il messaggio inviato {{sentMessageId}} non esiste.', en: 'There is no sent message {{sentMessageId}}.' },
  'evidence-not-written': {
    it: 'Il file delle prove non è stato scritto (disco pieno, cartella non scrivibile, o un messaggio che non corrisponde più a quello conservato): libera spazio e ripeti l’esportazione. Nulla è stato perso.',
    en: 'The evidence file was not written (a full disk, a folder that cannot be written, or a message that no longer matches the one kept): free some space and export again. Nothing was lost.',
  },

  // Writing and sending a single PEC, and its drafts.
  'pec-no-bcc': {
    it: 'La PEC non ammette destinatari nascosti (Ccn): mettili in «A» o «Cc», oppure invia messaggi separati.',
    en: 'PEC does not allow hidden recipients (Bcc): put them in “To” or “Cc”, or send separate messages.',
  },
  // The schema's issues are its own words, as for invalid-request.
  'message-invalid': { it: 'Il messaggio non è valido: {{issues}}', en: 'The message is not valid: {{issues}}' },
  // Worded as the pre-send check words it (too-large-recipients, too-large-size in send-check-texts.ts).
  'message-too-many-recipients': {
    it: 'Il messaggio è troppo grande per il gestore: {{recipients}} destinatari, il gestore ne accetta al massimo {{max}} per messaggio. Togli allegati o destinatari, o usa un invio massivo.',
    en: 'The message is too large for the provider: {{recipients}} recipients, and the provider accepts at most {{max}} per message. Remove attachments or recipients, or use a bulk send.',
  },
  'message-too-large': {
    it: 'Il messaggio è troppo grande per il gestore: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} destinatari = {{total, number(maximumFractionDigits: 1)}} MB, oltre il limite del gestore di {{limit, number(maximumFractionDigits: 1)}} MB. Togli allegati o destinatari, o usa un invio massivo.',
    en: 'The message is too large for the provider: {{size, number(maximumFractionDigits: 1)}} MB × {{recipients}} recipients = {{total, number(maximumFractionDigits: 1)}} MB, over the provider’s limit of {{limit, number(maximumFractionDigits: 1)}} MB. Remove attachments or recipients, or use a bulk send.',
  },
  // The detail is the system's error (a full disk), or that PecDesk is closing.
  'message-not-stored': {
    it: 'Il messaggio non è stato inviato: PecDesk non è riuscito a conservarlo prima dell’invio ({{detail}}). Controlla lo spazio libero sul disco e riprova.',
    en: 'The message was not sent: PecDesk could not keep it before sending ({{detail}}). Check the free space on the disk and try again.',
  },
  // A refusal of the send queue that the request's checks should have prevented: the detail is technical.
  'message-not-queued': { it: 'Il messaggio non è stato messo in coda per l’invio: {{detail}}', en: 'The message was not queued for sending: {{detail}}' },
  'draft-gone': { it: 'La bozza {{draftId}} non esiste più.', en: 'Draft {{draftId}} no longer exists.' },
  'draft-discarded-or-sent': { it: 'La bozza {{draftId}} non esiste più: è stata scartata o inviata.', en: 'Draft {{draftId}} no longer exists: it was discarded or sent.' },
  'server-draft-gone': { it: 'Questa bozza non è più nella cartella Bozze del server: aggiorna la cartella.', en: 'This draft is no longer in the server’s Drafts folder: refresh the folder.' },

  // Contacts, groups and the spreadsheet import. A contact's problems are the domain's words, as in
  // the import report.
  'contact-missing': { it: 'Il contatto non esiste (più).', en: 'The contact does not exist (any more).' },
  'contacts-merge-missing': { it: 'Il contatto da unire non esiste (più).', en: 'The contact to merge does not exist (any more).' },
  'contact-invalid': { it: 'Il contatto non si può salvare: {{problems}}.', en: 'The contact cannot be saved: {{problems}}.' },
  'contact-sender-unknown': { it: 'Il messaggio non si può leggere, quindi il mittente non è noto.', en: 'The message cannot be read, so its sender is not known.' },
  'group-missing': { it: 'Il gruppo non esiste (più).', en: 'The group does not exist (any more).' },
  'group-name-empty': { it: 'Il nome del gruppo è vuoto.', en: 'The group name is empty.' },
  'group-exists': { it: 'Esiste già un gruppo «{{name}}».', en: 'There is already a group “{{name}}”.' },
  'contacts-export-format': {
    it: 'Formato di esportazione sconosciuto «{{name}}»: usa un nome che finisce in .xlsx o .csv.',
    en: 'Unknown export format “{{name}}”: use a name that ends in .xlsx or .csv.',
  },
  'file-not-written': {
    it: 'Impossibile scrivere {{name}}: controlla che la cartella sia scrivibile e che ci sia spazio libero sul disco.',
    en: 'Could not write {{name}}: check that the folder is writable and that there is free space on the disk.',
  },
  'browser-upload-file': { it: 'Nel browser il file si sceglie dalla pagina e si carica.', en: 'In the browser, choose the file from the page and upload it.' },
  'import-file-gone': { it: 'Il file non è più disponibile: sceglilo di nuovo.', en: 'The file is no longer available: choose it again.' },
  'import-plan-gone': { it: 'Il riepilogo non è più disponibile: rifai il controllo del file.', en: 'The summary is no longer available: check the file again.' },
  'import-report-gone': {
    it: 'Il riepilogo di questa importazione non è più disponibile; i contatti importati sono in rubrica.',
    en: 'The summary of this import is no longer available; the imported contacts are in the address book.',
  },
  'import-running': { it: 'L’importazione di questo riepilogo è già in corso.', en: 'The import of this summary is already running.' },
  'import-done-already': { it: 'Questo riepilogo è già stato importato.', en: 'This summary has already been imported.' },
  'import-file-unreadable': {
    it: 'Il file non si è potuto leggere, o la lettura è stata interrotta: sceglilo di nuovo.',
    en: 'The file could not be read, or reading it was interrupted: choose it again.',
  },
  'import-file-empty': { it: 'Il file è vuoto.', en: 'The file is empty.' },
  'import-legacy-xls': {
    it: 'È un file Excel 97-2003 (.xls) o un file Excel protetto da password: PecDesk non lo legge. Aprilo in Excel o LibreOffice, togli l’eventuale password e usa «Salva con nome» scegliendo «Cartella di lavoro di Excel (.xlsx)», poi importa il nuovo file.',
    en: 'This is an Excel 97-2003 file (.xls) or a password-protected Excel file: PecDesk cannot read it. Open it in Excel or LibreOffice, remove the password if there is one and use “Save As”, choosing “Excel Workbook (.xlsx)”, then import the new file.',
  },
  'import-encrypted-xlsx': {
    it: 'Il file Excel è protetto da password: PecDesk non lo legge. Aprilo in Excel, togli la password e salvalo di nuovo, poi importa il nuovo file.',
    en: 'The Excel file is password-protected: PecDesk cannot read it. Open it in Excel, remove the password and save it again, then import the new file.',
  },
  'import-ods': {
    it: 'È un foglio OpenDocument (.ods): PecDesk legge solo .xlsx e .csv. In LibreOffice usa «Salva con nome» e scegli «Excel 2007-365 (.xlsx)», poi importa il nuovo file.',
    en: 'This is an OpenDocument spreadsheet (.ods): PecDesk reads only .xlsx and .csv. In LibreOffice use “Save As” and choose “Excel 2007-365 (.xlsx)”, then import the new file.',
  },
  'import-unsupported-format': {
    it: 'Il file non è un foglio Excel (.xlsx) né un file di testo CSV. Salva i contatti come .xlsx o .csv e riprova.',
    en: 'The file is neither an Excel sheet (.xlsx) nor a CSV text file. Save the contacts as .xlsx or .csv and try again.',
  },
  'import-xlsx-damaged': {
    it: 'Il file .xlsx è danneggiato o non è un foglio Excel. Riaprilo in Excel e salvalo di nuovo.',
    en: 'The .xlsx file is damaged or is not an Excel sheet. Open it in Excel and save it again.',
  },
  'import-too-many-rows': {
    it: 'Il foglio «{{sheet}}» ha più di {{max, number}} righe: troppe per un’importazione. Spesso sono righe vuote ma formattate fino in fondo al foglio: in Excel seleziona le righe sotto i dati, eliminale (Elimina righe, non solo Canc), salva e riprova; oppure copia i soli dati in un file nuovo o dividi l’elenco in più file.',
    en: 'The sheet “{{sheet}}” has more than {{max, number}} rows: too many for one import. Often they are empty but formatted rows down to the bottom of the sheet: in Excel select the rows below the data, delete them (Delete rows, not just the Delete key), save and try again; or copy only the data into a new file, or split the list into several files.',
  },
  'import-file-too-large': {
    it: 'Il file è troppo grande o danneggiato per essere importato. Aprilo in Excel, copia solo le righe dei contatti in un file nuovo e salvalo come .xlsx o .csv; oppure dividi l’elenco in più file.',
    en: 'The file is too large, or too damaged, to be imported. Open it in Excel, copy only the contacts’ rows into a new file and save it as .xlsx or .csv; or split the list into several files.',
  },
  'import-sheet-missing': {
    it: 'Il foglio scelto non esiste, o il file non ha fogli visibili: scegline un altro.',
    en: 'The chosen sheet does not exist, or the file has no visible sheets: choose another one.',
  },
  'import-mapping-invalid': {
    it: 'La scelta delle colonne non è valida: {{problems}}. Correggila e riprova.',
    en: 'The choice of columns is not valid: {{problems}}. Correct it and try again.',
  },
  'import-plan-stale': {
    it: 'Il riepilogo non è più valido: il file o la rubrica sono cambiati da quando è stato preparato, e nessun contatto è stato importato. Rifai il controllo del file.',
    en: 'The summary is no longer valid: the file or the address book changed since it was prepared, and no contact was imported. Check the file again.',
  },
  'import-plan-altered': {
    it: 'Il piano di importazione è stato alterato: una riga non è un contatto valido. Ripeti l’importazione.',
    en: 'The import plan was altered: a row is not a valid contact. Repeat the import.',
  },
  'import-stopped': {
    it: 'L’importazione si è interrotta (PecDesk si sta chiudendo, o il sistema non ha avviato il suo thread): riprova; se succede ancora, riavvia PecDesk.',
    en: 'The import stopped (PecDesk is closing, or the system did not start its thread): try again; if it happens again, restart PecDesk.',
  },

  // The folder tree: a change the engine or the server refused (the reply is the server's own).
  'folder-gone': {
    it: 'La cartella non esiste più: forse è stata eliminata da un altro programma. Aggiorna con Ricevi.',
    en: 'The folder no longer exists: another program may have deleted it. Refresh with Receive.',
  },
  'folder-local-only': {
    it: 'Questa cartella esiste solo in PecDesk (le ricevute restano nella Posta in arrivo del server): non si può cambiare.',
    en: 'This folder exists only in PecDesk (receipts stay in the server’s inbox): it cannot be changed.',
  },
  'folder-protected': {
    it: 'La Posta in arrivo e la cartella delle ricevute PEC non si possono rinominare, spostare o eliminare.',
    en: 'The inbox and the PEC receipts folder cannot be renamed, moved or deleted.',
  },
  'folder-bad-name': {
    it: 'Il nome non va bene: non può essere vuoto, né contenere "/", "%", "*" o chiamarsi INBOX.',
    en: 'That name will not do: it cannot be empty, hold "/", "%", "*" or be INBOX.',
  },
  'folder-exists': { it: 'Esiste già una cartella con questo nome: scegline un altro.', en: 'There is a folder with this name already: choose another.' },
  'folder-into-itself': { it: 'Una cartella non può andare dentro a una sua sottocartella.', en: 'A folder cannot go inside one of its own subfolders.' },
  'folder-has-subfolders': { it: 'La cartella ha sottocartelle: eliminale o spostale prima.', en: 'The folder has subfolders: delete or move them first.' },
  'folder-not-empty': {
    it: 'La cartella contiene messaggi: spostali prima di eliminarla (i messaggi PEC sono prove, PecDesk non li elimina in blocco).',
    en: 'The folder holds messages: move them before deleting it (PEC messages are evidence, PecDesk does not delete them in bulk).',
  },
  'folder-server-refused': { it: 'Il server ha rifiutato l’operazione: {{reply}}', en: 'The server refused the operation: {{reply}}' },

  // A connection that failed under a folder change or a move, and moves the engine refused: the
  // Italian is the engine's own (mail/sync/status-words.ts), word for word.
  'sync-no-password': {
    it: "Password dell'account non disponibile: inseriscila nelle impostazioni dell'account",
    en: 'The account’s password is not available: enter it in the account settings',
  },
  'sync-auth-failed': {
    it: "Il server {{host}} ha rifiutato nome utente o password: correggili nelle impostazioni dell'account",
    en: 'The server {{host}} refused the user name or password: correct them in the account settings',
  },
  'sync-connection-lost': { it: 'Connessione persa', en: 'Connection lost' },
  'sync-server-not-found': { it: 'Server {{host}} non trovato', en: 'Server {{host}} not found' },
  'sync-tls-failed': { it: 'Connessione sicura con {{host}} non riuscita', en: 'Secure connection to {{host}} failed' },
  'sync-server-silent': { it: 'Il server {{host}} non risponde', en: 'The server {{host}} does not answer' },
  'sync-server-unreachable': { it: 'Server {{host}} non raggiungibile', en: 'Server {{host}} cannot be reached' },
  'sync-store-failed': { it: 'Impossibile salvare i messaggi sul disco: controlla lo spazio libero', en: 'The messages cannot be saved to disk: check the free space' },
  'sync-disk-full': {
    it: 'Disco pieno: i nuovi messaggi non si possono salvare. Libera spazio sul disco e la sincronizzazione riprende da sola',
    en: 'Disk full: new messages cannot be saved. Free some disk space and the sync resumes by itself',
  },
  'sync-folder-failed': { it: 'Alcune cartelle non sono state sincronizzate', en: 'Some folders were not synced' },
  'sync-receipts-move-failed': { it: 'Le ricevute non sono state spostate nella loro cartella sul server', en: 'The receipts were not moved to their folder on the server' },
  'sync-flags-refused': {
    it: 'Il server non ha accettato i segni di lettura o i contrassegni di alcuni messaggi: restano solo in PecDesk, che riprova a ogni sincronizzazione',
    en: 'The server did not accept the read marks or flags of some messages: they stay in PecDesk only, which tries again at every sync',
  },
  'sync-disposed': { it: 'Sincronizzazione chiusa', en: 'Sync closed' },
  'messages-folder-gone': { it: 'La cartella non esiste più: aggiorna la posta e riprova', en: 'The folder no longer exists: refresh the mail and try again' },
  'messages-other-account': {
    it: 'I messaggi si possono spostare solo tra cartelle dello stesso account',
    en: 'Messages can only be moved between folders of the same account',
  },
  'messages-not-in-folder': { it: 'I messaggi non sono più in questa cartella', en: 'The messages are no longer in this folder' },
  'messages-local-receipts': {
    it: 'Le ricevute della cartella locale di PecDesk sono nella Posta in arrivo del server: non si possono spostare né eliminare da qui',
    en: 'The receipts of PecDesk’s local folder are in the server’s inbox: they cannot be moved or deleted from here',
  },
  'messages-no-trash': { it: "L'account non ha una cartella Cestino sul server", en: 'The account has no Trash folder on the server' },
  'messages-need-confirmation': {
    it: 'I messaggi sono già nel Cestino: conferma per eliminarli definitivamente',
    en: 'The messages are already in the Trash: confirm to delete them for good',
  },
  'messages-server-refused': { it: "Il server ha rifiutato l'operazione: riprova più tardi", en: 'The server refused the operation: try again later' },

  // Messages and files opened from disk.
  'message-missing': { it: 'Il messaggio {{messageId}} non esiste.', en: 'There is no message {{messageId}}.' },
  'message-bytes-missing': {
    it: 'Il file del messaggio {{messageId}} manca dall’archivio di PecDesk.',
    en: 'The file of message {{messageId}} is missing from PecDesk’s archive.',
  },
  'message-bytes-changed': {
    it: 'Il file del messaggio {{messageId}} non corrisponde più all’impronta registrata quando è stato conservato.',
    en: 'The file of message {{messageId}} no longer matches the fingerprint recorded when it was kept.',
  },
  'message-no-sender': { it: 'Il messaggio non ha l’indirizzo del mittente.', en: 'The message has no sender address.' },
  'remote-content-blocked': { it: 'Il contenuto remoto non è consentito per questo messaggio.', en: 'Remote content is not allowed for this message.' },
  'attachment-gone': { it: 'L’allegato {{partId}} non è più disponibile.', en: 'Attachment {{partId}} is no longer available.' },
  'folder-missing': { it: 'La cartella {{folderId}} non esiste.', en: 'There is no folder {{folderId}}.' },
  'opened-file-gone': { it: 'Questo file non è più aperto: aprilo di nuovo.', en: 'This file is no longer open: open it again.' },
  'opened-file-gone-keep': {
    it: 'Questo file non è più aperto in PecDesk: aprilo di nuovo, poi conservalo.',
    en: 'This file is no longer open in PecDesk: open it again, then keep it.',
  },
  'keep-signed-document': {
    it: '{{name}} è un documento firmato, non un messaggio di posta: salvalo dove conservi i tuoi documenti.',
    en: '{{name}} is a signed document, not a mail message: save it where you keep your documents.',
  },
  'keep-not-stored': { it: '{{name}} non si è potuto conservare: {{cause}}', en: '{{name}} could not be kept: {{cause}}' },
  'signed-file-unreadable': {
    it: '{{name}} non è un documento firmato (.p7m) leggibile: potrebbe essere danneggiato o chiamarsi .p7m senza esserlo.',
    en: '{{name}} is not a readable signed document (.p7m): it may be damaged, or be named .p7m without being one.',
  },
  'path-not-a-file': { it: '{{path}} non è un file.', en: '{{path}} is not a file.' },
  'file-unreadable': { it: 'Impossibile leggere {{path}}: {{cause}}', en: 'Could not read {{path}}: {{cause}}' },
  'file-too-large-for-mail': { it: '{{name}} è troppo grande per essere un messaggio di posta.', en: '{{name}} is too large to be a mail message.' },
  'file-not-mail-empty': { it: 'Questo file non è un messaggio di posta: è vuoto.', en: 'This file is not a mail message: it is empty.' },
  'file-not-mail-too-large': { it: 'Questo file è troppo grande per essere un messaggio di posta.', en: 'This file is too large to be a mail message.' },
  'file-not-mail': {
    it: 'Questo file non è un messaggio di posta: non comincia con le intestazioni di un messaggio (From, To, Subject, Date…).',
    en: 'This file is not a mail message: it does not start with the headers of a message (From, To, Subject, Date…).',
  },
  'browser-open-message': { it: 'Per aprire un messaggio usa la scelta dei file della pagina.', en: 'Use the file picker of the page to open a message.' },
  // The search box's problems, in the words of its hints (search.problem in it.json and en.json).
  'search-unclosed-quote': { it: 'Manca la virgoletta di chiusura dopo {{token}}: chiudi la frase con ".', en: 'The closing quote is missing after {{token}}: end the phrase with ".' },
  'search-unknown-filter': {
    it: 'Filtro sconosciuto «{{token}}». Apri «Come cercare» per l’elenco dei filtri.',
    en: 'Unknown filter “{{token}}”. Open “How to search” for the list of filters.',
  },
  'search-empty-value': {
    it: 'Dopo «{{token}}» manca cosa cercare: scrivilo subito dopo i due punti, ad es. {{token}}rossi o {{token}}"Mario Rossi".',
    en: 'Nothing to look for after “{{token}}”: write it right after the colon, e.g. {{token}}rossi or {{token}}"Mario Rossi".',
  },
  'search-unknown-type': {
    it: '«{{token}}» non è un tipo di PEC. Usa ad es. consegna, accettazione, mancata-consegna, anomalia, posta-certificata.',
    en: '“{{token}}” is not a PEC type. Use e.g. delivery, acceptance, non-delivery, anomaly, envelope.',
  },
  'search-unknown-has': { it: '«{{token}}»: dopo ha: si può scrivere solo allegato.', en: '“{{token}}”: has: takes only attachment.' },
  'search-bad-date': { it: '«{{token}}» non è una data: scrivi ad es. 2026-12-01 oppure 1/12/2026.', en: '“{{token}}” is not a date: write e.g. 2026-12-01 or 1/12/2026.' },
  'search-dangling-or': { it: 'OR va messo tra due parole o filtri, ad es. fattura OR parcella.', en: 'OR goes between two words or filters, e.g. invoice OR fee.' },
  'search-only-negated': {
    it: 'Indica cosa cercare, non solo cosa escludere: ad es. fattura -bozza.',
    en: 'Say what to look for, not only what to leave out: e.g. invoice -draft.',
  },

  // Tags, notes and rules.
  'tag-invalid': {
    it: '«{{tag}}» non può essere un tag: è vuoto, più lungo di 40 caratteri, o contiene una virgola o delle virgolette.',
    en: '“{{tag}}” cannot be a tag: it is empty, longer than 40 characters, or holds a comma or quotes.',
  },
  // The fields are codes (name:required) the rules editor marks its fields by.
  'rule-invalid': { it: 'La regola non si può salvare: {{fields}}.', en: 'The rule cannot be saved: {{fields}}.' },
  'rule-missing': { it: 'La regola {{ruleId}} non esiste.', en: 'There is no rule {{ruleId}}.' },
  'rules-changed': {
    it: 'Le regole sono cambiate nel frattempo: il nuovo ordine deve nominarle tutte una volta. Guarda di nuovo l’elenco.',
    en: 'The rules changed in the meantime: the new order must name each of them once. Look at the list again.',
  },

  // The providers' index: the detail in brackets is the index's own, technical and in English.
  'provider-index-empty': { it: 'Il file è vuoto. ({{detail}}) L’elenco in uso non è cambiato.', en: 'The file is empty. ({{detail}}) The index in use has not changed.' },
  'provider-index-too-large': {
    it: 'Il file è più grande di 20 MB: non è un elenco dei gestori PEC. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The file is larger than 20 MB: it is not an index of PEC providers. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-not-ldif': {
    it: 'Il file non è in formato LDIF: scegli il file dell’elenco dei gestori PEC (.ldif). ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The file is not in LDIF format: choose the file of the index of PEC providers (.ldif). ({{detail}}) The index in use has not changed.',
  },
  'provider-index-malformed': {
    it: 'Il file LDIF contiene un errore. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The LDIF file holds an error. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-truncated': {
    it: 'Il file sembra incompleto (troncato): scaricalo o copialo di nuovo. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The file seems incomplete (cut short): download or copy it again. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-no-providers': {
    it: 'Il file non contiene alcun gestore PEC (objectClass provider). ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The file holds no PEC provider (objectClass provider). ({{detail}}) The index in use has not changed.',
  },
  'provider-index-unreadable': {
    it: 'Il file non si può leggere. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The file cannot be read. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-bad-url': {
    it: 'L’indirizzo non è accettabile: serve un indirizzo https://. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The address is not acceptable: an https:// address is needed. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-download-failed': {
    it: 'Scaricamento non riuscito: controlla la connessione o l’indirizzo. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The download failed: check the connection or the address. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-not-saved': {
    it: 'Impossibile salvare l’elenco nella cartella dei dati. ({{detail}}) L’elenco in uso non è cambiato.',
    en: 'The index could not be saved in the data folder. ({{detail}}) The index in use has not changed.',
  },
  'provider-index-url-refused': {
    it: 'L’indirizzo non è accettabile: serve un indirizzo https://. ({{detail}})',
    en: 'The address is not acceptable: an https:// address is needed. ({{detail}})',
  },

  // Links, printing and the host.
  'link-invalid': { it: 'Collegamento non valido.', en: 'Not a valid link.' },
  'link-scheme-refused': { it: 'I collegamenti di tipo {{scheme}} non si aprono.', en: 'Links of type {{scheme}} are not opened.' },
  'link-not-opened': { it: 'Il collegamento non è stato aperto.', en: 'The link was not opened.' },
  'browser-opens-links': { it: 'Nella versione per browser i collegamenti li apre il browser.', en: 'In the browser version, the browser opens the links.' },
  'browser-cannot-print': { it: 'Stampa dalla vista di stampa della pagina.', en: 'Print from the print view of the page.' },

  // The store's health, the engine and the window. A store's detail is its check's, in English, as
  // the banner shows it; an engine's cause is technical ("exit code 1").
  'store-not-damaged': { it: 'Il database ha superato il controllo: non c’è nulla da ripristinare.', en: 'The database passed its check: there is nothing to restore.' },
  'store-damaged': {
    it: 'Il database di PecDesk è danneggiato ({{detail}}): ripristinalo dall’ultima copia di sicurezza.',
    en: 'PecDesk’s database is damaged ({{detail}}): restore it from the latest backup.',
  },
  'store-unavailable': { it: 'PecDesk non può aprire il suo archivio: {{detail}}', en: 'PecDesk cannot open its store: {{detail}}' },
  'restore-no-backup': { it: 'Non c’è nessuna copia di sicurezza da ripristinare in {{folder}}.', en: 'There is no backup to restore in {{folder}}.' },
  'restore-no-good-backup': {
    it: 'Nessuna copia di sicurezza ha superato il controllo di integrità: non c’è nulla da ripristinare.',
    en: 'No backup passed the integrity check: there is nothing to restore.',
  },
  'engine-restarted': {
    it: 'Il motore di PecDesk si è interrotto ({{cause}}) ed è stato riavviato: l’operazione non è stata completata, controlla e riprova.',
    en: 'PecDesk’s engine stopped ({{cause}}) and was restarted: the operation was not completed, check and try again.',
  },
  'engine-stopped': {
    it: 'Il motore di PecDesk si è interrotto più volte ({{cause}}) e non è stato riavviato: chiudi e riapri PecDesk.',
    en: 'PecDesk’s engine stopped several times ({{cause}}) and was not restarted: close and open PecDesk again.',
  },
  'window-only': { it: 'Le chiamate sono accettate solo dalla finestra di PecDesk.', en: 'Calls are accepted only from the PecDesk window.' },
} as const satisfies Record<string, Bilingual>;

/** Why a call failed, as a key of API_ERROR_TEXTS. */
export type ApiErrorReason = keyof typeof API_ERROR_TEXTS;

/** The values a reason's text names ({{name}}). */
export type ApiErrorParams = Record<string, string | number>;

/** Every reason's text in one language, as an i18next resource section. */
export function apiErrorTexts(language: 'it' | 'en'): Record<ApiErrorReason, string> {
  return textsIn(API_ERROR_TEXTS, language);
}
