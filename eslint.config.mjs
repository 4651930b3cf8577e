// eslint.config.mjs: the compatibility lint of skipole's browser library (skipole/static).
// `npm ci && npx eslint skipole/static` (tests/static/test_eslint.py runs it when node_modules
// is present).  eslint-plugin-compat checks every Web API the scripts use against the
// browserslist targets in package.json: the last 2 Safari and iOS Safari versions, Firefox
// ESR and the last 2 Chrome versions.  The syntax is held to ES2020, which all of them run.
import compat from "eslint-plugin-compat";
import globals from "globals";

export default [
  {
    files: ["skipole/static/**/*.js"],
    plugins: {compat},
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser}
    },
    settings: {
      // APIs the library tests for before use (none at present): listed here when added
      polyfills: []
    },
    rules: {
      "compat/compat": "error",
      "no-undef": "error",
      "no-unused-vars": ["error", {args: "none"}],
      "no-redeclare": "error",
      "no-dupe-keys": "error",
      "no-unreachable": "error",
      "eqeqeq": ["error", "always"],
      "no-implied-eval": "error",
      "no-eval": "error",
      "no-new-func": "error",
      "no-var": "off",
      "strict": ["error", "function"]
    }
  }
];
