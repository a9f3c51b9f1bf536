// pdf.js ships no types for its worker module; it is only imported to run the worker on this
// thread (see loadPdfJs in source-text.ts), so its one export is all that is declared.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
