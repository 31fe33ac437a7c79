// What every `pecdesk` command implements, and the error type for mistakes a user can make.
import type { Writable } from 'node:stream';

/** Where a command writes; tests pass their own streams. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
}

/** One `pecdesk` command. run() resolves to the process exit code. */
export interface CliCommand {
  run(args: string[], io: CliIO): Promise<number>;
}

/** A user-caused failure (missing file, bad flag): printed as one line, exit code 2 by default. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * Exit code of a command stopped by a full disk: sysexits.h's EX_TEMPFAIL, "try again later",
 * since nothing already stored is lost and the same command works once there is room.
 */
export const EXIT_DISK_FULL = 75;

/** The one line a full disk prints, in both languages like the rest of the store's advice. */
export function diskFullError(dir: string, done = ''): CliError {
  return new CliError(
    `disco pieno / disk full: not enough space where ${dir} is; nothing already stored was lost${done}. Free some space and run the command again`,
    EXIT_DISK_FULL,
  );
}

/** Splits argv into flags (--name or --name value) and positional arguments. */
export function parseArgs(
  args: string[],
  spec: { booleans?: string[]; values?: string[] },
): { flags: Record<string, string | boolean>; positional: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (spec.booleans?.includes(name)) flags[name] = true;
      else if (spec.values?.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        flags[name] = value;
      } else throw new CliError(`unknown option --${name}`);
    } else positional.push(a);
  }
  return { flags, positional };
}
