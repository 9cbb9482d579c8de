// Preloaded by test/unit/production-dependencies.test.ts: a first-party module that requires a
// development dependency (one `npm ci --omit=dev` does not install, as in the production image)
// makes the process fail, naming both.
const Module = require('node:module');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
const dev = new Set(Object.keys(pkg.devDependencies ?? {}));
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const from = parent && parent.filename ? parent.filename : '';
  const firstParty = from.startsWith(root + path.sep) && !from.includes(`${path.sep}node_modules${path.sep}`);
  if (firstParty && !request.startsWith('.') && !request.startsWith('node:') && !path.isAbsolute(request)) {
    const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
    if (dev.has(name)) {
      process.stderr.write(`DEV DEPENDENCY ${name} required by ${path.relative(root, from)}\n`);
      process.exit(97);
    }
  }
  return original.call(this, request, parent, ...rest);
};
