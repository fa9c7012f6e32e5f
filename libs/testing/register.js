// Lets plain Node require our TypeScript (the Jest global setup runs outside Jest's module system):
// resolves the @gongkai/* aliases and transpiles .ts files on load with the TypeScript compiler.
const { join } = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

let done = false;
exports.register = function register() {
  if (done) {
    return;
  }
  done = true;
  const root = join(__dirname, '..', '..');
  tsconfigPaths.register({
    baseUrl: root,
    paths: {
      '@gongkai/domain': ['libs/domain/src/index.ts'],
      '@gongkai/core/*': ['libs/core/src/*'],
      '@gongkai/database': ['libs/database/src/index.ts'],
      '@gongkai/web': ['libs/web/src/index.ts'],
      '@gongkai/testing': ['libs/testing/src/index.ts'],
    },
  });
  require.extensions['.ts'] = (module, filename) => {
    const source = require('node:fs').readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    module._compile(outputText, filename);
  };
};
