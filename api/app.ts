/** The app around the articles: settings, the store's repair notices, links to the browser. */
import * as v from 'valibot';
import { SettingsPatchSchema, SettingsSchema, type StoreNotice } from '../domain/schema';
import { httpUrl, method, nothing } from './method';

/** Something the store had to do about a damaged file, told to the editor in plain words. */
export const StoreNoticeSchema = v.object({
  file: v.string(),
  problem: v.string(),
  movedTo: v.nullable(v.string()),
  restoredFrom: v.nullable(v.string()),
  at: v.string(),
}) satisfies v.GenericSchema<StoreNotice>;

export const APP_METHODS = {
  /** What the store had to repair since the app started (damaged files moved aside, backups restored). */
  storeNotices: method('factdesk:store:notices', [], v.array(StoreNoticeSchema)),
  /** Opens an http(s) link in the editor's browser. */
  openExternal: method('factdesk:shell:open-external', [httpUrl], nothing),
  /** The editor's name and the newsroom's, as Settings shows them. */
  getSettings: method('factdesk:settings:get', [], SettingsSchema),
  /** Changes the settings given; the rest stay as they are. */
  updateSettings: method('factdesk:settings:update', [v.strictObject(SettingsPatchSchema.entries)], SettingsSchema),
};
