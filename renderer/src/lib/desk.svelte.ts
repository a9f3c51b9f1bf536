/**
 * The shared desk as the window shows it: the status main reports (connected or not, synced,
 * syncing, offline, error, the last sync) and Settings → Desk's connect and disconnect.
 */
import { DESK_DISCONNECTED, type DeskAccountInput, type DeskStatus } from '$api/contract';
import { api, errorMessage, onDeskStatus } from './api';

/** One line for the window: what the desk is doing, in the newsroom's words. */
export function describeDesk(status: DeskStatus): string {
  switch (status.state) {
    case 'disconnected':
      return 'Not connected to a desk';
    case 'password-needed':
      return 'Desk password needed';
    case 'connecting':
      return 'Connecting to the desk…';
    case 'synced':
      return 'Synced';
    case 'syncing':
      return status.changes > 0 ? `Syncing ${status.changes} ${status.changes === 1 ? 'change' : 'changes'}…` : 'Syncing…';
    case 'offline':
      return status.changes > 0
        ? `Offline — ${status.changes} ${status.changes === 1 ? 'change' : 'changes'} kept on this machine`
        : 'Offline — changes kept on this machine';
    case 'error':
      return `Sync error: ${status.reason}`;
  }
}

/** "Last sync 14:05", or with the day when it was not today; '' before the first. */
export function describeLastSync(lastSyncAt: string | null, now = Date.now()): string {
  if (!lastSyncAt) return '';
  const at = Date.parse(lastSyncAt);
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(at);
  const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  return `Last sync ${day.format(at) === day.format(now) ? time : `${day.format(at)} ${time}`}`;
}

class Desk {
  status = $state.raw<DeskStatus>(DESK_DISCONNECTED);
  /** Settings → Desk is checking the account. */
  connecting = $state(false);
  /** Why the last Connect or Disconnect failed, in one sentence; '' when it did not. */
  error = $state('');
  connected = $derived(this.status.state !== 'disconnected');
  /** While connected, every change carries the desk user's name, not the name in Settings. */
  user = $derived(this.status.user);
  label = $derived(describeDesk(this.status));
  lastSync = $derived(describeLastSync(this.status.lastSyncAt));
  /** Statuses main has sent: an answer asked for before the latest one is older than it. */
  private events = 0;

  /** Loads the status and follows main's changes to it; returns a function that stops following. */
  watch = (): (() => void) => {
    const stop = onDeskStatus((status) => {
      this.events++;
      this.status = status;
    });
    void this.take(api.deskStatus()).catch(() => undefined);
    return stop;
  };

  connect = async (account: DeskAccountInput): Promise<boolean> => {
    this.connecting = true;
    this.error = '';
    try {
      await this.take(api.connectDesk(account));
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    } finally {
      this.connecting = false;
    }
  };

  disconnect = async (): Promise<void> => {
    this.error = '';
    try {
      await this.take(api.disconnectDesk());
    } catch (err) {
      this.error = errorMessage(err);
    }
  };

  /** Takes an answer's status, unless main sent a newer one while it was on its way. */
  private async take(answer: Promise<DeskStatus>): Promise<void> {
    const seen = this.events;
    const status = await answer;
    if (this.events === seen) this.status = status;
  }
}

export const desk = new Desk();
