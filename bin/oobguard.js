#!/usr/bin/env node
// oobguard's command line. There is no build step between `npm ci` and `npx oobguard`: see load.js.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`oobguard needs Node.js >= 22.18 (this is ${process.versions.node}). Install Node 22 LTS or 24 LTS.\n`);
  process.exit(3);
}
const { loadCli } = await import('./load.js');
const { main, processIo } = await loadCli();
process.exitCode = await main(process.argv.slice(2), processIo());
