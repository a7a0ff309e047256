// Parses each .tf file named on the command line with HashiCorp's HCL parser; exit 1 if any fails.
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');
(async () => {
  let failed = 0;
  for (const f of process.argv.slice(2)) {
    try { await parse(f, fs.readFileSync(f, 'utf8')); console.log('ok ' + f); }
    catch (e) { failed++; console.log('FAIL ' + f + ': ' + String(e).split('\n')[0]); }
  }
  process.exit(failed ? 1 : 0);
})();
