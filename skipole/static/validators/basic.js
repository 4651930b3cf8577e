/* validators/basic.js: served for the `ski_basic` label of legacy skipole projects.
 *
 * Validation is done by the server (skipole/validators); the widgets' own client-side
 * checks live with their classes in widgets/*.js.  Nothing is needed here yet.
 */
