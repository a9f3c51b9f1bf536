export { checkAccount, connectDesk, Desk, forgetDesk, parseDeskUrl, readDeskState, setupDesk } from './desk';
export type { DeskAccount, DeskState, SyncResult } from './desk';
export { LiveDesk, type LiveDeskOptions } from './live';
export { DeskPassword, NO_KEYRING, type SecretStorage } from './password';
