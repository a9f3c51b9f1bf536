import type { Settings, SettingsPatch } from '$api/contract';
import { api } from './api';
import { desk } from './desk.svelte';

/** The editor's name and the newsroom's, loaded once and kept in step with the store. */
class EditorSettings {
  value = $state<Settings>({ editorName: '', newsroomName: '', newsroomUrl: '' });
  loaded = $state(false);
  open = $state(false);
  /** What to do once the editor has given a name, while the name dialog is showing. */
  naming = $state<(() => void) | null>(null);
  /** While connected to a desk, the signed-in user is the name every change carries. */
  editorName = $derived(desk.user || this.value.editorName.trim());
  named = $derived(this.editorName !== '');

  load = async (): Promise<void> => {
    this.value = await api.getSettings();
    this.loaded = true;
  };

  /** Verdicts and sign-offs say who gave them: ask for a name first, then go on. */
  askName = (then: () => void): void => {
    this.naming = then;
  };

  /** The name dialog's Save: the name is stored before anything that records it goes on. */
  saveName = async (editorName: string): Promise<void> => {
    await this.save({ editorName: editorName.trim() });
    const then = this.naming;
    this.naming = null;
    then?.();
  };

  save = async (patch: SettingsPatch): Promise<void> => {
    this.value = await api.updateSettings(patch);
  };
}

export const settings = new EditorSettings();
