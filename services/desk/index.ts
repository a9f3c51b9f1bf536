export { checkAccount, connectDesk, Desk, forgetDesk, parseDeskUrl, readDeskState, setupDesk } from './desk';
export type { DeskAccount, DeskState, SyncResult } from './desk';
