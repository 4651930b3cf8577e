/* jquery-compat.js: served for the `jquery_core` label of legacy skipole projects.
 *
 * skipole does not ship jQuery.  The widgets of a page are driven by skipole's own library
 * (/lib/skipole.js, namespace SKIPOLE), which needs nothing from here; this file exists so
 * that old project files linking jquery_core load without a 404.  It deliberately defines
 * nothing: legacy code written for jQuery should be rewritten with standard DOM calls
 * (document.querySelector, fetch) or SKIPOLE.send / SKIPOLE.setfields.
 */
