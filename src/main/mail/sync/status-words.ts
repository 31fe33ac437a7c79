// The sync's state in plain Italian words for the status bar (CONTRIBUTING.md "Errors are values with
// codes": a message says what happened and what to do next). Callers that translate use SyncStatus.code instead.
import type { ConnectionStage } from '../../accounts';
import type { MessageActionErrorCode, SyncErrorCode } from './types';

/** Why a connection attempt or session ended, as the user reads it. */
export function failureWords(code: SyncErrorCode, host: string, stage?: ConnectionStage): string {
  switch (code) {
    case 'no-password':
      return "Password dell'account non disponibile: inseriscila nelle impostazioni dell'account";
    case 'auth-failed':
      return `Il server ${host} ha rifiutato nome utente o password: correggili nelle impostazioni dell'account`;
    case 'connection-lost':
      return 'Connessione persa';
    case 'connect-failed':
      return connectWords(host, stage);
    case 'store-failed':
      return 'Impossibile salvare i messaggi sul disco: controlla lo spazio libero';
    case 'disk-full':
      return 'Disco pieno: i nuovi messaggi non si possono salvare. Libera spazio sul disco e la sincronizzazione riprende da sola';
    case 'folder-failed':
      return 'Alcune cartelle non sono state sincronizzate';
    case 'receipts-move-failed':
      return 'Le ricevute non sono state spostate nella loro cartella sul server';
    case 'flags-refused':
      return 'Il server non ha accettato i segni di lettura o i contrassegni di alcuni messaggi: restano solo in PecDesk, che riprova a ogni sincronizzazione';
    case 'disposed':
      return 'Sincronizzazione chiusa';
  }
}

/** Why messages were not moved or deleted, as the user reads it. */
export function actionWords(code: MessageActionErrorCode): string {
  switch (code) {
    case 'no-such-folder':
      return 'La cartella non esiste più: aggiorna la posta e riprova';
    case 'other-account':
      return 'I messaggi si possono spostare solo tra cartelle dello stesso account';
    case 'not-in-folder':
      return 'I messaggi non sono più in questa cartella';
    case 'local-only':
      return 'Le ricevute della cartella locale di PecDesk sono nella Posta in arrivo del server: non si possono spostare né eliminare da qui';
    case 'no-trash':
      return "L'account non ha una cartella Cestino sul server";
    case 'needs-confirmation':
      return 'I messaggi sono già nel Cestino: conferma per eliminarli definitivamente';
    case 'server-refused':
      return "Il server ha rifiutato l'operazione: riprova più tardi";
  }
}

function connectWords(host: string, stage?: ConnectionStage): string {
  switch (stage) {
    case 'dns':
      return `Server ${host} non trovato`;
    case 'tls':
      return `Connessione sicura con ${host} non riuscita`;
    case 'timeout':
      return `Il server ${host} non risponde`;
    default:
      return `Server ${host} non raggiungibile`;
  }
}

/** "<why>, nuovo tentativo tra 8 s". */
export function retryWords(why: string, delayMs: number): string {
  return `${why}, nuovo tentativo tra ${Math.max(1, Math.round(delayMs / 1000))} s`;
}

/** "<disk full words> (controllo ogni 20 s)". */
export function diskFullWords(checkEveryMs: number): string {
  return `${failureWords('disk-full', '')} (controllo ogni ${Math.max(1, Math.round(checkEveryMs / 1000))} s)`;
}

/** Words for the states that are not failures. */
export const STATE_WORDS = {
  notStarted: 'Sincronizzazione non avviata',
  connecting: (host: string) => `Connessione a ${host}…`,
  syncing: 'Sincronizzazione in corso…',
  idle: 'Posta aggiornata',
  closed: 'Sincronizzazione chiusa',
} as const;
