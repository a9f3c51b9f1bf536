import type { Settings, SettingsPatch } from '../../../api/contract';
import { api } from './api';

/** The editor's name and the newsroom's, loaded once and kept in step with the store. */
class EditorSettings {
  value = $state<Settings>({ editorName: '', newsroomName: '', newsroomUrl: '' });
  loaded = $state(false);
  open = $state(false);

  load = async (): Promise<void> => {
    this.value = await api.getSettings();
    this.loaded = true;
  };

  save = async (patch: SettingsPatch): Promise<void> => {
    this.value = await api.updateSettings(patch);
  };
}

export const settings = new EditorSettings();
