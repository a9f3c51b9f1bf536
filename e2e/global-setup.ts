import { findElectronBinary } from './electron-binary';

/** Says once, up front, why the electron project is about to skip (the list reporter hides skip reasons). */
export default function globalSetup(): void {
  if (!findElectronBinary()) {
    console.log(
      '\n[electron] Electron binary not found (the electron npm package fetches it on first run, which this ' +
        'machine cannot): the electron project is skipped; the chromium project runs the same specs.\n',
    );
  }
}
