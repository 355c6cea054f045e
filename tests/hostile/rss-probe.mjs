// Preloaded (node --import) into a child process of the hostile-file tests: on exit, the process's peak resident
// memory (all its threads) goes to stderr on a line of its own, which the test reads and removes before looking
// at the messages. VmHWM of this address space, where Linux has it: getrusage's maxRSS carries over the
// high-water mark of the parent that forked the child (the test runner's), so it would overstate.
import fs from 'node:fs';

process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: maxRSS, an upper bound
  }
  fs.writeSync(2, `\n[peak-rss-kb] ${kb}\n`);
});
