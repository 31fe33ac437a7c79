// A throw-away Dovecot (IMAP + LMTP) on loopback, self-contained in a folder: the real IMAP server
// behind the PEC sandbox, the integration tests and the benchmarks. Self-contained config, auth penalty off (see docs/ARCHITECTURE.md, "Tests").
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePorts, isPortFree, waitForPort } from './ports';

const execFileAsync = promisify(execFile);

/** A mailbox login on the test server. Usernames are full addresses (LMTP looks up RCPT TO as is). */
export interface MailUser {
  address: string;
  password: string;
  /** The mailbox's storage quota in bytes (IMAP QUOTA, RFC 9208); none when absent. */
  quotaBytes?: number;
}

/** A running Dovecot; stop() ends it and waits for the ports to be free. */
export interface DovecotServer {
  dir: string;
  imapPort: number;
  lmtpPort: number;
  addUser(user: MailUser): void;
  /** Sets (or, null, lifts) a mailbox's storage quota; Dovecot reads it at the user's next login. */
  setQuota(address: string, quotaBytes: number | null): void;
  /** Runs `doveadm` against this instance, e.g. ['mailbox', 'status', '-u', addr, 'messages', 'INBOX']. */
  doveadm(args: string[], input?: Buffer | string): Promise<string>;
  /** Stops and starts the server on the same ports (drops every connection). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const DOVECOT_BIN = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

/** Where the dovecot binary is, or null when Debian's dovecot-imapd is not installed. */
export function findDovecot(): string | null {
  return DOVECOT_BIN.find((p) => fs.existsSync(p)) ?? null;
}

/** The one-line message every caller shows when Dovecot is missing. */
export const DOVECOT_MISSING =
  'Dovecot is not installed: run `sudo apt-get install -y dovecot-imapd dovecot-lmtpd` (Debian/Ubuntu) and try again.';

function passwdLine(user: MailUser, uid: number, gid: number, mailRoot: string): string {
  if (/[:\n]/.test(user.address) || /[\n]/.test(user.password)) throw new Error(`bad test user ${user.address}`);
  // The quota rule is a userdb extra field (the rest of the line, colons allowed), in KiB.
  const quota = user.quotaBytes === undefined ? '' : `::userdb_quota_rule=*:storage=${Math.max(1, Math.ceil(user.quotaBytes / 1024))}k`;
  return `${user.address}:{PLAIN}${user.password}:${uid}:${gid}::${path.join(mailRoot, user.address)}${quota}\n`;
}

function config(dir: string, imapPort: number, lmtpPort: number, ids: { uid: number; gid: number; user: string | null }, acl: boolean): string {
  // As root, mail is stored as nobody (Dovecot refuses uid 0 for mail); as a normal user, everything
  // runs as that user (Dovecot's documented non-root mode).
  const nonRoot = ids.user
    ? `default_internal_user = ${ids.user}\ndefault_login_user = ${ids.user}\ndefault_internal_group = ${ids.user}\n`
    : '';
  return `# self-contained test config (Dovecot 2.3.x), written by sandbox/dovecot.ts
protocols = imap lmtp
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = pecdesk-${imapPort}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# the default 2 s delay would slow every failed-login test
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_uid = ${ids.uid}
mail_gid = ${ids.gid}
first_valid_uid = 1
first_valid_gid = 0
${nonRoot}namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    # the per-IP auth penalty would slow good logins after a failed one to 4 s
    mode = 0
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@sandbox.test
}
# IMAP QUOTA (RFC 9208): a mailbox's limit is its userdb quota_rule (MailUser.quotaBytes); without
# one the quota root has no limit. The count backend needs vsizes.${acl ? '\n# Rights from one global ACL file (startDovecot\'s ownerRights).' : ''}
mail_plugins = $mail_plugins quota${acl ? ' acl' : ''}
protocol imap {
  mail_plugins = $mail_plugins imap_quota${acl ? ' imap_acl' : ''}
}
plugin {
  quota = count:User quota
  quota_vsizes = yes${acl ? `\n  acl = vfile:${dir}/acl` : ''}
}
`;
}

// Dovecot 2.3's own capability list after login, less CONDSTORE and QRESYNC; plugins (QUOTA) add theirs.
const CAPABILITIES_WITHOUT_CONDSTORE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE';

/** Starts Dovecot in `dir` (created when missing) on free loopback ports with the given users. */
export async function startDovecot(options: {
  dir?: string;
  users: MailUser[];
  imapPort?: number;
  lmtpPort?: number;
  /** The longest command line the server takes (imap_max_line_length; Dovecot's own default 64 KB), for a stricter server. */
  maxLineLength?: number;
  /**
   * Rights every user has on each of their own mailboxes (RFC 4314 letters, the ACL plugin's global
   * file), instead of all of them: "lr" makes every mailbox read-only, as a mailbox shared for
   * reading is. Kept in `<dir>/acl`, which a test may rewrite before restart().
   */
  ownerRights?: string;
  /** Leaves CONDSTORE and QRESYNC out of the capabilities, as a server without them (RFC 7162). */
  withoutCondstore?: boolean;
}): Promise<DovecotServer> {
  const bin = findDovecot();
  if (!bin) throw new Error(DOVECOT_MISSING);
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-dovecot-'));
  const isRoot = process.getuid?.() === 0;
  const ids = isRoot
    ? { uid: 65534, gid: 65534, user: null }
    : { uid: process.getuid!(), gid: process.getgid!(), user: os.userInfo().username };
  const mailRoot = path.join(dir, 'mail');
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  // Dovecot's mail processes run as nobody: they must be able to walk down to the maildirs.
  for (let p = dir; p !== path.dirname(p) && p.startsWith(os.tmpdir()) && p !== os.tmpdir(); p = path.dirname(p)) fs.chmodSync(p, 0o755);
  if (isRoot) fs.chownSync(mailRoot, ids.uid, ids.gid);
  const usersFile = path.join(dir, 'users');
  const users = [...options.users];
  const writeUsers = () => fs.writeFileSync(usersFile, users.map((u) => passwdLine(u, ids.uid, ids.gid, mailRoot)).join(''), { mode: 0o644 });
  writeUsers();
  const [freeImap, freeLmtp] = await freePorts(2);
  const imapPort = options.imapPort ?? freeImap;
  // A port the caller chose is not held yet, so the free pair may include it.
  const lmtpPort = options.lmtpPort ?? (options.imapPort === freeLmtp ? freeImap : freeLmtp);
  const confPath = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confPath, config(dir, imapPort, lmtpPort, ids, options.ownerRights !== undefined) + (options.maxLineLength ? `imap_max_line_length = ${options.maxLineLength}\n` : '') + (options.withoutCondstore ? `imap_capability = ${CAPABILITIES_WITHOUT_CONDSTORE}\n` : ''));
  if (options.ownerRights !== undefined) fs.writeFileSync(path.join(dir, 'acl'), `* owner ${options.ownerRights}\n`, { mode: 0o644 });

  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const proc = spawn(bin, ['-c', confPath, '-F'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`dovecot exited with ${code}: ${stderr.trim() || readLog(dir)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([Promise.all([waitForPort(imapPort), waitForPort(lmtpPort)]), exited]);
    child = proc;
  };
  const halt = async (): Promise<void> => {
    const proc = child;
    child = null;
    // A master killed by a signal has exitCode null and signalCode set: its 'exit' has already
    // fired, so waiting for it would never end.
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  await launch();

  return {
    dir,
    imapPort,
    lmtpPort,
    addUser(user) {
      // passwd-file is re-read by Dovecot when its mtime changes: no restart needed.
      users.push(user);
      fs.appendFileSync(usersFile, passwdLine(user, ids.uid, ids.gid, mailRoot));
    },
    setQuota(address, quotaBytes) {
      const at = users.findIndex((u) => u.address === address);
      if (at < 0) throw new Error(`no mailbox ${address}`);
      users[at] = { ...users[at], quotaBytes: quotaBytes ?? undefined };
      writeUsers();
    },
    async doveadm(args, input) {
      const run = execFileAsync('doveadm', ['-c', confPath, ...args], { maxBuffer: 64 * 1024 * 1024 });
      if (input !== undefined) {
        run.child.stdin?.end(input);
      }
      const { stdout } = await run;
      return stdout;
    },
    async restart() {
      await halt();
      // After a master killed by a signal, its login processes hold the listening sockets until
      // they notice it is gone: binding before then fails with "Address already in use".
      await untilPortsFree([imapPort, lmtpPort]);
      // Its other orphans (auth, log, anvil) may still answer on their sockets in run/ for a
      // moment, and the new master refuses to start beside them ("already running?"): try again.
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await launch();
          return;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async stop() {
      await halt();
      // A folder we made ourselves is ours to clean; one the caller named may hold data they keep.
      if (ownsDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function untilPortsFree(ports: number[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await isPortFree(port))) {
      if (Date.now() > deadline) throw new Error(`port ${port} is still in use ${timeoutMs} ms after Dovecot stopped`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8').split('\n').slice(-5).join(' | ');
  } catch {
    return 'no log';
  }
}
