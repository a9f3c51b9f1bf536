import type { ReportScope } from '$api/contract';

/**
 * What the next exported report includes, chosen in the Export menu and used by every export
 * (the menu's formats, Ctrl/Cmd+E, the File menu). The defaults are a public report: unchecked
 * statements listed and marked, unsigned verdicts marked "awaiting sign-off", no internal notes;
 * ClaimReview publishes signed-off verdicts only.
 */
class ReportOptions {
  signedOffOnly = $state(false);
  includeUnchecked = $state(true);
  internal = $state(false);
  includeUnsigned = $state(false);

  get scope(): ReportScope {
    return {
      signedOffOnly: this.signedOffOnly,
      includeUnchecked: this.includeUnchecked,
      internal: this.internal,
      includeUnsigned: this.includeUnsigned,
    };
  }
}

export const reportOptions = new ReportOptions();
