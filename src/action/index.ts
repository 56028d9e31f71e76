/** Entry point of the Action bundle (dist/action.mjs, run by action.yml with `node24`). */
import { runAction } from './main.ts';

process.exitCode = await runAction({
  env: process.env,
  stdout: (s) => { process.stdout.write(s); },
  cwd: process.cwd(),
});
