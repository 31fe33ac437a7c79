// Small user choices that belong to no domain table: which messages and senders may show remote
// images. Kept as JSON in the data folder (written atomically); addresses lowercased.
import fs from 'node:fs';
import path from 'node:path';

interface PreferencesFile {
  version: 1;
  remoteContentSenders: string[];
  remoteContentMessages: string[];
}

/** Remote-content permissions. */
export class Preferences {
  private data: PreferencesFile;

  constructor(private readonly file: string) {
    this.data = Preferences.read(file);
  }

  /** The preferences file of a data folder. */
  static inDataDir(dataDir: string): Preferences {
    return new Preferences(path.join(dataDir, 'preferences.json'));
  }

  private static read(file: string): PreferencesFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PreferencesFile>;
      return {
        version: 1,
        remoteContentSenders: Array.isArray(parsed.remoteContentSenders) ? parsed.remoteContentSenders.filter((s) => typeof s === 'string') : [],
        remoteContentMessages: Array.isArray(parsed.remoteContentMessages) ? parsed.remoteContentMessages.filter((s) => typeof s === 'string') : [],
      };
    } catch {
      // Missing or unreadable: start with nothing allowed, the safe default.
      return { version: 1, remoteContentSenders: [], remoteContentMessages: [] };
    }
  }

  private write(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.file);
  }

  /** Whether remote images may load for this message (by its SHA-256 or file key) or this sender. */
  remoteContentAllowed(messageKey: string | null, sender: string | null): boolean {
    return (
      (messageKey !== null && this.data.remoteContentMessages.includes(messageKey)) ||
      (sender !== null && this.data.remoteContentSenders.includes(sender.toLowerCase()))
    );
  }

  allowRemoteContentForMessage(messageKey: string): void {
    if (!this.data.remoteContentMessages.includes(messageKey)) this.data.remoteContentMessages.push(messageKey);
    this.write();
  }

  allowRemoteContentForSender(sender: string): void {
    const address = sender.toLowerCase();
    if (!this.data.remoteContentSenders.includes(address)) this.data.remoteContentSenders.push(address);
    this.write();
  }
}
