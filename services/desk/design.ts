/**
 * What `factdesk desk setup` installs on the desk's database: the rules the server itself
 * enforces, so a script or a modified client cannot bypass them.
 *
 * validate_doc_update runs on CouchDB for every write, replicated ones included. It is
 * JavaScript that CouchDB evaluates, so it is kept here as source text (ES5: CouchDB 3's
 * SpiderMonkey and express-pouchdb both run it). Its rules:
 * - `editedBy` must be the signed-in user: nobody writes under a colleague's name;
 * - a sign-off (`review`) is by the signed-in user, and never by the editor who gave the verdict
 *   (`checkedBy`): the two-person rule;
 * - only a desk admin changes the design document (CouchDB also requires that by itself).
 */
export const DESIGN_DOC_ID = '_design/factdesk';

export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx) {
  var isAdmin = userCtx.roles.indexOf('_admin') !== -1;
  if (newDoc._id.indexOf('_design/') === 0) {
    if (!isAdmin) throw({ forbidden: 'Only a desk admin may change the desk design.' });
    return;
  }
  if (!userCtx.name || newDoc.editedBy !== userCtx.name) {
    throw({ forbidden: 'editedBy must be the signed-in user (' + userCtx.name + '), not ' + JSON.stringify(newDoc.editedBy) + '.' });
  }
  if (newDoc._deleted) return;
  if (newDoc.type === 'statement' && newDoc.review) {
    if (newDoc.review.by === newDoc.checkedBy) {
      throw({ forbidden: newDoc.review.by + ' gave this verdict; a second editor must sign it off.' });
    }
    var kept = oldDoc && oldDoc.review && oldDoc.review.by === newDoc.review.by && oldDoc.review.at === newDoc.review.at;
    if (!kept && newDoc.review.by !== userCtx.name) {
      throw({ forbidden: 'A sign-off must be by the signed-in user (' + userCtx.name + ').' });
    }
  }
}`;

export function designDocument(): { _id: string; language: string; validate_doc_update: string; factdesk: number } {
  // `factdesk` versions these rules, so a later Factdesk can tell an older desk and update it.
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_DOC_UPDATE, factdesk: 1 };
}

/**
 * Members-only: CouchDB treats a database whose members list is empty as public, so with no
 * members named the desk starts open to admins only (`_admin` role) until members are added.
 */
export function securityDocument(members: string[]) {
  return {
    admins: { names: [], roles: [] },
    members: members.length ? { names: members, roles: [] } : { names: [], roles: ['_admin'] },
  };
}
