// The WebAssembly build of the core gives byte-identical verdicts to the
// native build: every case of the suite as one NDJSON stream, 10,000 random
// valid records from the generator, then a few records one at a time in
// both output formats; and in Chinese (--lang zh) the case stream, a sample
// of text reports, the guidance of `next`, the screening log, and the input-error output
// (stderr and exit status) of a sample of the error cases in both languages.
//
// usage: node compare_native_wasm.mjs NATIVE_CLI WASM_CLI_JS CASE_RECORDS CASES_DIR [RANDOM_RECORDS]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [nativeCli, wasmCli, caseRecords, casesDir, extra] = process.argv.slice(2);
if (!existsSync(wasmCli)) {
  console.error(`no WebAssembly build at ${wasmCli}: build the wasm preset first (scripts/test.sh does)`);
  process.exit(1);
}
const run = (cmd, args, input) => execFileSync(cmd, args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
const runWasm = (args, input) => run(process.execPath, ['--no-experimental-fetch', wasmCli, ...args], input);
// Exit status, stdout and stderr as one buffer: an input error's message is
// on stderr, and it must be the same bytes too.
const runAll = (cmd, args) => {
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30 });
  return Buffer.concat([Buffer.from(`exit ${r.status}\n--- stdout\n`), r.stdout, Buffer.from('--- stderr\n'), r.stderr]);
};
const runAllWasm = (args) => runAll(process.execPath, ['--no-experimental-fetch', wasmCli, ...args]);
const tmp = mkdtempSync(join(tmpdir(), 'native-wasm-'));
let failures = 0;

function compare(label, native, wasm) {
  if (Buffer.compare(native, wasm) === 0) return true;
  const a = native.toString().split('\n'), b = wasm.toString().split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  console.error(`DIFFERENT ${label} at line ${line + 1}:\n native: ${a[line]?.slice(0, 400)}\n wasm:   ${b[line]?.slice(0, 400)}`);
  failures++;
  return false;
}

try {
  const streams = [['cases', run(caseRecords, [casesDir])]];
  if (extra) streams.push(['random', run(extra, ['20261125', '10000'])]);
  for (const [label, ndjson] of streams) {
    const file = join(tmp, `${label}.ndjson`);
    writeFileSync(file, ndjson);
    const records = ndjson.toString().split('\n').filter((l) => l.trim()).length;
    const native = run(nativeCli, ['evaluate', '--ndjson', file]);
    const wasm = runWasm(['evaluate', '--ndjson', file]);
    if (compare(`${label} (${records} records)`, native, wasm))
      console.log(`${label}: ${records} records, ${native.length} bytes of verdicts, identical`);
  }
  // One record at a time, JSON and text, from a file and from stdin.
  const lines = streams[0][1].toString().split('\n').filter((l) => l.trim());
  for (const index of [0, 1, 2, Math.floor(lines.length / 2), lines.length - 1]) {
    const file = join(tmp, `one-${index}.json`);
    writeFileSync(file, lines[index]);
    for (const args of [['evaluate', file], ['evaluate', '--format', 'text', file]]) {
      let native, wasm;
      try { native = run(nativeCli, args); } catch (e) { native = Buffer.from(`exit ${e.status}`); }
      try { wasm = runWasm(args); } catch (e) { wasm = Buffer.from(`exit ${e.status}`); }
      compare(`record ${index} (${args.join(' ')})`, native, wasm);
    }
  }

  // Chinese: the case stream (reasons and input errors in Chinese), then the
  // text reports of the same sample.
  {
    const file = join(tmp, 'cases.ndjson');
    const native = run(nativeCli, ['evaluate', '--lang', 'zh', '--ndjson', file]);
    const wasm = runWasm(['evaluate', '--lang', 'zh', '--ndjson', file]);
    if (compare(`cases --lang zh (${lines.length} records)`, native, wasm))
      console.log(`cases --lang zh: ${lines.length} records, ${native.length} bytes of verdicts, identical`);
  }
  for (const index of [0, 1, 2, Math.floor(lines.length / 2), lines.length - 1]) {
    const file = join(tmp, `one-${index}.json`);
    for (const args of [['evaluate', '--lang', 'zh', file], ['evaluate', '--lang', 'zh', '--format', 'text', file]])
      compare(`record ${index} (${args.join(' ')})`, runAll(nativeCli, args), runAllWasm(args));
  }
  // Guided pre-screening (next): the questions and what each answer does,
  // for a record with only its date, with fields skipped, and the sample.
  {
    const dateOnly = join(tmp, 'date-only.json');
    writeFileSync(dateOnly, '{"screening_date": "2027-01-10"}');
    const runs = [['next', dateOnly], ['next', '--lang', 'zh', dateOnly], ['next', '--skipped', 'diagnosis,cd7_percent', dateOnly]];
    for (const index of [0, 1, Math.floor(lines.length / 2)]) runs.push(['next', join(tmp, `one-${index}.json`)], ['next', '--lang', 'zh', join(tmp, `one-${index}.json`)]);
    let same = 0;
    for (const args of runs) same += compare(`next (${args.join(' ')})`, runAll(nativeCli, args), runAllWasm(args)) ? 1 : 0;
    console.log(`next: ${same} of ${runs.length} guidance outputs identical`);
  }
  // The screening log of the cases: the summary, and the CSV in both languages.
  {
    const file = join(tmp, 'cases.ndjson');
    let same = 0;
    const runs = [['log', file], ['log', '--format', 'csv', file], ['log', '--format', 'csv', '--lang', 'zh', file]];
    for (const args of runs) same += compare(`log (${args.join(' ')})`, runAll(nativeCli, args), runAllWasm(args)) ? 1 : 0;
    console.log(`log: ${same} of ${runs.length} outputs identical`);
  }
  // Input errors, one record at a time, in both languages: the error
  // heading and lines on stderr, and the exit status. The messages
  // themselves are in the streams above; here a sample of the cases the
  // native build refuses (NDJSON {"line": N, "errors": [...]}): every fifth,
  // and all with several errors or none named (syntax, not an object).
  // (Each WebAssembly run starts node: about 0.3 s.)
  const refused = run(nativeCli, ['evaluate', '--ndjson', join(tmp, 'cases.ndjson')]).toString().split('\n')
    .filter((l) => l.startsWith('{') && JSON.parse(l).errors).map((l) => JSON.parse(l));
  const sample = refused.filter((d, i) => i % 5 === 0 || d.errors.length !== 1 || d.errors[0].field === null).map((d) => d.line - 1);
  if (sample.length === 0) { console.error('no error cases found to compare'); failures++; }
  let errorOutputs = 0;
  for (const index of sample) {
    const file = join(tmp, `error-${index}.json`);
    writeFileSync(file, lines[index]);
    for (const lang of ['en', 'zh']) {
      const args = ['evaluate', '--lang', lang, '--format', 'text', file];
      const native = runAll(nativeCli, args);
      if (!native.toString().startsWith('exit 2\n')) { console.error(`record ${index}: expected exit 2 for ${args.join(' ')}`); failures++; }
      if (compare(`record ${index} (${args.join(' ')})`, native, runAllWasm(args))) errorOutputs++;
    }
  }
  console.log(`input errors: ${sample.length} of ${refused.length} refused records in en and zh, ${errorOutputs} outputs (exit status, stdout, stderr) identical`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failures) {
  console.error(`${failures} differences between the native and WebAssembly builds`);
  process.exit(1);
}
console.log('native and WebAssembly builds agree byte for byte');
