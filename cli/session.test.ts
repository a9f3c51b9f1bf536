import { describe, expect, it } from 'vitest';
import { cliHost } from './session';

describe('the command line’s host', () => {
  it('has no dialogs, file manager or browser, and says so instead of doing nothing', async () => {
    const host = cliHost('ana', async () => new Uint8Array());
    for (const ask of [host.chooseArticleFile, host.chooseSourceFile, host.chooseReportFile, host.choosePublishedChecksFile]) {
      await expect(ask()).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/no open dialog: name the file on the command line/) });
    }
    await expect(host.chooseReportPath('a.md', 'md')).rejects.toThrow(/no save dialog/);
    await expect(host.showInFolder('/tmp/a.md')).rejects.toThrow(/no file manager/);
    await expect(host.openExternal('https://example.org/')).rejects.toThrow(/no browser/);
    expect(host.signedInUser()).toBe('ana');
    expect(cliHost(null).signedInUser()).toBeNull();
  });
});
