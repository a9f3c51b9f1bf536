/**
 * The desk password, kept between starts only when the system can encrypt it: Electron's
 * safeStorage (the macOS Keychain, Windows DPAPI, the Linux keyring). main/ passes the real
 * safeStorage; tests pass a stand-in of the same shape. The password is never written in plain
 * text: without a keyring it is not written at all, and the editor is asked for it each start.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deskFolder } from './desk';

/** The part of Electron's safeStorage the desk uses. */
export interface SecretStorage {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring safeStorage uses; 'basic_text' means a fixed key, i.e. none. */
  getSelectedStorageBackend?(): string;
}

export const NO_KEYRING =
  'This computer has no keyring to encrypt your desk password, so Factdesk does not keep it: enter it each time Factdesk starts.';

export class DeskPassword {
  constructor(
    private readonly storeDir: string,
    private readonly storage: SecretStorage | null,
  ) {}

  /** '' when the password can be kept encrypted; otherwise why it is not kept. */
  whyNotKept(): string {
    const s = this.storage;
    if (!s || !s.isEncryptionAvailable()) return NO_KEYRING;
    // On Linux without a keyring, Chromium "encrypts" with a key built into every copy: that is
    // plain text in all but name.
    const backend = s.getSelectedStorageBackend?.();
    if (backend === 'basic_text' || backend === 'unknown') return NO_KEYRING;
    return '';
  }

  /** Keeps the password encrypted; returns false (and keeps nothing) without a keyring. */
  async keep(password: string): Promise<boolean> {
    if (this.whyNotKept()) {
      await this.forget();
      return false;
    }
    await fs.mkdir(deskFolder(this.storeDir), { recursive: true });
    const temp = `${this.file}.tmp`;
    await fs.writeFile(temp, this.storage!.encryptString(password), { mode: 0o600 });
    await fs.rename(temp, this.file);
    return true;
  }

  /** The kept password, or null (none kept, no keyring, or it no longer decrypts). */
  async read(): Promise<string | null> {
    if (this.whyNotKept()) return null;
    const encrypted = await fs.readFile(this.file).catch(() => null);
    if (!encrypted) return null;
    try {
      return this.storage!.decryptString(encrypted);
    } catch {
      return null; // another user's or machine's keyring: ask again
    }
  }

  async forget(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }

  private get file(): string {
    return path.join(deskFolder(this.storeDir), 'password.enc');
  }
}
