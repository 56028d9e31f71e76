#!/usr/bin/env node
// oobguard runs its TypeScript sources directly (Node >= 22.18 strips types natively), so there is
// no build step between `npm ci` and `npx oobguard`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`oobguard needs Node.js >= 22.18 (this is ${process.versions.node}). Install Node 22 LTS or 24 LTS.\n`);
  process.exit(3);
}
const { main, processIo } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), processIo());
process.exitCode = code;
