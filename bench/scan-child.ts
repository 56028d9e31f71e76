/** Runs the CLI the way bin/oobguard.js does, in this process, and reports peak RSS on stderr as the last line. */
import { loadCli } from '../bin/load.js';

const { main, processIo } = await loadCli();
const code = await main(process.argv.slice(2), { ...processIo(), stdout: () => {} });
process.stderr.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
