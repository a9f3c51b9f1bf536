/**
 * A CouchDB-protocol server for the desk tests and the sync benchmark: express-pouchdb over
 * pouchdb-node. It is not CouchDB (see test/desk/server.ts for what it does differently), but it
 * speaks the same replication protocol, _security, _users and validate_doc_update.
 *
 *   node --unhandled-rejections=warn couch-server.cjs PORT [DIR]
 *
 * Without DIR the databases live in memory; with DIR they are leveldb folders there, so a test
 * can kill the server and start it again on the same data. Prints "listening PORT" when ready.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

// pouchdb-validation 4.2 (express-pouchdb's validate_doc_update) replaces every incoming
// document's _revisions with the stored document's before validating. For a replicated
// revision (new_edits: false) that detaches it from its history, and PouchDB then drops the
// write while reporting success: a colleague's change never arrives. CouchDB has no such bug.
// The one line is corrected here, at load, for the test server only.
patchModule('pouchdb-validation', (source) =>
  source.replace(
    'newDoc._revisions = (oldDoc || {})._revisions;',
    'newDoc._revisions = newDoc._revisions || (oldDoc || {})._revisions;',
  ),
);

const PouchDB = require('pouchdb-node');
const express = require('express');
const expressPouchDB = require('express-pouchdb');

const [port, dir] = process.argv.slice(2);
let DB;
if (dir) {
  DB = PouchDB.defaults({ prefix: `${path.resolve(dir)}${path.sep}` });
} else {
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  DB = PouchDB.defaults({ adapter: 'memory' });
}
const app = express();
app.use(
  expressPouchDB(DB, {
    mode: 'fullCouchDB',
    // The config (admins) lives in memory too, or in DIR beside the databases.
    // (express-pouchdb writes a log.txt into the working folder unless told where.)
    ...(dir
      ? { configPath: path.join(dir, 'config.json'), logPath: path.join(dir, 'log.txt') }
      : { inMemoryConfig: true, logPath: path.join(require('node:os').tmpdir(), `factdesk-couch-${process.pid}.log`) }),
  }),
);
const server = app.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});

function patchModule(name, change) {
  const file = require.resolve(name, { paths: [require.resolve('express-pouchdb')] });
  const source = fs.readFileSync(file, 'utf8');
  const patched = change(source);
  if (patched === source) throw new Error(`${name} has changed; check whether the test server still needs its patch.`);
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  module._compile(patched, file);
  module.loaded = true;
  require.cache[file] = module;
}
