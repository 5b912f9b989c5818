'use strict';
// Starts the prebuilt CLI bundle (cli-bundle.cjs beside this file once copied into the cache
// directory by scripts/lib/cli-bundle.mjs) through V8's code cache. Compiling the 11 MB bundle was
// most of the CLI's start (~0.2 s of ~0.55 s on the 2-core machine, bench "install"); with the
// cache V8 deserializes the compiled code instead. Node 20 has no module compile cache of its own.
//
// The cache file is keyed by the bundle's size and mtime (read from the file descriptor the source
// came from, so a rebuild renamed in meanwhile never pairs new source with old code), the Node
// version and the architecture. V8 checks it again (flags, source length) and rejects a mismatch:
// the bundle then compiles as usual and a fresh cache is written when the process exits, to a temp
// name renamed into place. A cache that cannot be read or written only costs the compile.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'cli-bundle.cjs');
const fd = fs.openSync(file, 'r');
let src;
let key;
try {
  const st = fs.fstatSync(fd);
  key = `${st.size}-${Math.trunc(st.mtimeMs)}-${process.version}-${process.arch}`;
  src = fs.readFileSync(fd, 'utf8');
} finally {
  fs.closeSync(fd);
}
const cacheFile = path.join(__dirname, `cli-bundle.${key}.v8cache`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  /* first start of this build: compiled below, cached at exit */
}

const script = new vm.Script(Module.wrap(src), { filename: file, cachedData });
if (!cachedData || script.cachedDataRejected) {
  process.once('exit', () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
    }
  });
}
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(__dirname);
script
  .runInThisContext()
  .call(m.exports, m.exports, Module.createRequire(file), m, file, __dirname);
