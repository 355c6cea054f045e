// Preloaded (node --import) into a child process of the hostile corpus test: at exit, its peak resident memory
// (kB, worker threads included) and its CPU time (µs, user + system) are written as JSON to the file named by
// HOSTILE_RSS_FILE.
import fs from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.HOSTILE_RSS_FILE)
    fs.writeFileSync(process.env.HOSTILE_RSS_FILE, JSON.stringify({ maxRssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime }));
});
