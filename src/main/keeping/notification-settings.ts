// The notification settings, kept as JSON in the data folder (written atomically). A missing or
// unreadable file gives the defaults: every notice on, deliveries missing after 24 hours.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from './notifications';

/** notifications.json of a data folder. */
export class NotificationSettingsFile {
  private data: NotificationSettings;

  constructor(private readonly file: string) {
    this.data = NotificationSettingsFile.read(file);
  }

  static inDataDir(dataDir: string): NotificationSettingsFile {
    return new NotificationSettingsFile(path.join(dataDir, 'notifications.json'));
  }

  get(): NotificationSettings {
    return { ...this.data };
  }

  set(settings: NotificationSettings): void {
    this.data = { ...settings };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.file);
  }

  private static read(file: string): NotificationSettings {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<NotificationSettings>;
      const flag = (key: 'newPec' | 'deliveryFailed' | 'missingDeliveries') => (typeof parsed[key] === 'boolean' ? parsed[key] : DEFAULT_NOTIFICATION_SETTINGS[key]);
      const hours = parsed.missingAfterHours;
      return {
        newPec: flag('newPec'),
        deliveryFailed: flag('deliveryFailed'),
        missingDeliveries: flag('missingDeliveries'),
        missingAfterHours: typeof hours === 'number' && Number.isInteger(hours) && hours >= 1 && hours <= 720 ? hours : DEFAULT_NOTIFICATION_SETTINGS.missingAfterHours,
      };
    } catch {
      return { ...DEFAULT_NOTIFICATION_SETTINGS };
    }
  }
}
