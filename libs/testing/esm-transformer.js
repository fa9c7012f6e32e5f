// Jest transformer for the ES modules Nest 12 ships: Jest on Node 20 cannot load ES modules from
// a CommonJS test run, so they are compiled to CommonJS like our own code (import.meta mapped to
// its CommonJS equivalents first).
const { createHash } = require('node:crypto');
const ts = require('typescript');

const VERSION = '3';

module.exports = {
  process(source, filename) {
    const code = source
      .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename')
      .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
      // `const require = createRequire(…)` would clash with the CommonJS wrapper's own `require`.
      .replace(/\b(const|let|var) require\s*=/g, '$1 __esmRequire =');
    const { outputText } = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(VERSION)
      .update(ts.version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
