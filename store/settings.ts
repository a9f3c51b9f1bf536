/**
 * The editor's settings (their name, the newsroom that publishes the checks), kept beside the
 * library in settings.json. Written only by the process that holds the store lock, with the
 * same durable writes as everything else. A damaged settings file is moved aside and the
 * defaults are used: settings are cheap to type again, articles are not.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import { DurableJSONFile, readText } from './durable-file';
import { SCHEMA_VERSION, SettingsSchema, type Settings, type SettingsPatch } from './schema';

interface SettingsFile {
  version: number;
  settings: Settings;
}

const SettingsFileSchema = v.object({ version: v.literal(SCHEMA_VERSION), settings: SettingsSchema });

export const DEFAULT_SETTINGS: Settings = { editorName: '', newsroomName: '', newsroomUrl: '' };

export class SettingsStore {
  private low: Low<SettingsFile> | null = null;

  constructor(
    private readonly dir: string,
    private readonly durable = true,
  ) {}

  async get(): Promise<Settings> {
    return (await this.load()).data.settings;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const low = await this.load();
    const before = low.data;
    low.data = { version: SCHEMA_VERSION, settings: { ...before.settings, ...patch } };
    try {
      await low.write();
    } catch (err) {
      low.data = before;
      throw err;
    }
    return low.data.settings;
  }

  private async load(): Promise<Low<SettingsFile>> {
    if (this.low) return this.low;
    const file = path.join(this.dir, 'settings.json');
    const low = new Low<SettingsFile>(new DurableJSONFile(file, { durable: this.durable }), {
      version: SCHEMA_VERSION,
      settings: { ...DEFAULT_SETTINGS },
    });
    const text = await readText(file);
    if (text !== null) {
      const parsed = safeJson(text);
      const result = v.safeParse(SettingsFileSchema, parsed);
      if (result.success) low.data = result.output;
      else await fs.rename(file, `${file}.damaged-${Date.now()}`).catch(() => undefined);
    }
    this.low = low;
    return low;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
