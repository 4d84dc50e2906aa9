'use strict';
// Preloaded (`node -r`) into every process the benchmark times: when the process
// exits, it writes its own peak resident set size (KiB) and CPU time (µs) to
// $OSPO_BENCH_RSS_FILE. Works the same for our CLI and for license-checker, without
// /usr/bin/time. CPU time suffers less than wall time when others load the machine.
const fs = require('node:fs');

const file = process.env.OSPO_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      fs.writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
    } catch {
      // Nowhere to write: the benchmark reports "n/a" for memory.
    }
  });
}
