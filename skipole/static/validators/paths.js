/* validators/paths.js: served for the `ski_paths` label of legacy skipole projects.
 *
 * Path validation is done by the server (skipole/validators).  Nothing is needed here yet.
 */
