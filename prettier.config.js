// @ts-check
// Prettier holds the format (`npm run format`, checked by `npm run format:check` in `npm test`). The options are
// Prettier's defaults except the width: they are the style the code was written in (double quotes, semicolons,
// trailing commas, parentheses around arrow parameters); lines stay within 120 characters as before.
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  arrowParens: "always",
};
