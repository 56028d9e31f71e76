/** Runs the real CLI in this process and reports peak RSS on stderr as the last line. */
import { main, processIo } from '../src/cli/main.ts';

const code = await main(process.argv.slice(2), { ...processIo(), stdout: () => {} });
process.stderr.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
