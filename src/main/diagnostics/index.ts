// Diagnostics: the app's rotated log file and the "Copia diagnostica" text. Plain Node; the
// services write the log, the API builds the text. Other modules reach it only through this file.

/** The log in <dataDir>/logs, rotated by size; silentLog for runs that keep none. */
export { openLog, silentLog, formatLine, LOG_FILE_NAME, type AppLog, type LogLevel, type LogFields, type RotationOptions } from './log-file';
/** The diagnostics text: version, platform, data folder, accounts (address and host), sync states, log tail. */
export { diagnosticsText, type DiagnosticAccount, type DiagnosticInput } from './report';
/** PECDESK_TRACE_LAUNCH=1: the steps of a launch with their times, on stderr. */
export { launchTraceOn, traceLaunch, traceLaunchStep } from './launch-trace';
