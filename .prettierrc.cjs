// prettier (pre-commit hook "prettier"), as OCA's repositories configure it for Odoo 18,
// with two differences: XML whitespace "strict" (OCA's choice before 18.0), so that no
// text node of a QWeb report changes (the 公文 layout prints them exactly), and the
// 4-space indentation this repository uses. require.resolve: the plugin lives in
// pre-commit's node environment, not beside this file.
/** @type {import('prettier').Config} */
module.exports = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    tabWidth: 4,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "strict",
};
