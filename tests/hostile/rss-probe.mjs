// Preloaded (node --import) into a child process of the hostile-file tests: on exit, the process's peak resident
// memory goes to stderr on a line of its own, which the test reads and removes before looking at the messages.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeSync(2, `\n[peak-rss-kb] ${process.resourceUsage().maxRSS}\n`);
});
