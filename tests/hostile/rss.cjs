// Preloaded (node --require) into a child process of the hostile corpus test: at exit, its peak resident memory
// (kB, worker threads included) is written to the file named by HOSTILE_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.HOSTILE_RSS_FILE) fs.writeFileSync(process.env.HOSTILE_RSS_FILE, String(process.resourceUsage().maxRSS));
});
