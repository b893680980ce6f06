// Compares every entry point's public API with its report in api/ (`npm run api:check`), or rewrites the
// reports (`npm run api:update`, --local). A differing report or any API Extractor finding fails.
import { Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessageCategory } from '@microsoft/api-extractor';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** Entry point (package.json `exports` key) → its declaration file under the build folder, and report name. */
const ENTRY_POINTS: ReadonlyArray<{ subpath: string; dts: string; report: string }> = [
  { subpath: '.', dts: 'index.d.ts', report: 'kube-record' },
  { subpath: './format', dts: 'format/index.d.ts', report: 'kube-record-format' },
  { subpath: './watch', dts: 'watch/index.d.ts', report: 'kube-record-watch' },
  { subpath: './testing', dts: 'testing/index.d.ts', report: 'kube-record-testing' },
  { subpath: './prometheus', dts: 'prometheus/index.d.ts', report: 'kube-record-prometheus' },
];

// --dist=DIR analyses declarations built elsewhere in the repository and --reports=a,b checks only those
// reports (both for test/package/api-report.test.ts).
const root = fileURLToPath(new URL('..', import.meta.url));
const local = process.argv.includes('--local');
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const dist = distArg === undefined ? join(root, 'dist') : resolve(root, distArg.slice('--dist='.length));
// Where API Extractor puts the fresh report it compares: per build folder, so two runs never share one.
const tempFolder = distArg === undefined ? join(root, '.api-temp') : `${dist}-api-temp`;
const reportsArg = process.argv.find((a) => a.startsWith('--reports='));
const only = reportsArg === undefined ? undefined : new Set(reportsArg.slice('--reports='.length).split(','));
const base = ExtractorConfig.loadFile(join(root, 'api-extractor.json'));
let failed = false;

for (const entry of ENTRY_POINTS.filter((e) => only === undefined || only.has(e.report))) {
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: join(dist, entry.dts),
      apiReport: { ...base.apiReport, enabled: true, reportFileName: entry.report, reportTempFolder: tempFolder },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  // Findings about the code (compiler, TSDoc, ae-* messages) fail the run; the console category only
  // narrates it (which TypeScript it uses, that a report was written or differs), judged below.
  let findings = 0;
  const result = Extractor.invoke(config, {
    localBuild: local,
    messageCallback: (message) => {
      const serious = message.logLevel === ExtractorLogLevel.Warning || message.logLevel === ExtractorLogLevel.Error;
      if (message.category !== ExtractorMessageCategory.Console && serious) findings++;
    },
  });
  if (findings > 0 || !result.succeeded) {
    failed = true;
    const why =
      result.apiReportChanged && !local
        ? `the public API of 'kube-record${entry.subpath.slice(1)}' differs from api/${entry.report}.api.md (diff: ` +
          `${join(tempFolder, `${entry.report}.api.md`)}). If the change is intended, run \`npm run api:update\` and commit the report.`
        : `${findings} finding(s) to fix (above)`;
    console.error(`api: ${entry.report}: ${why}`);
  } else {
    console.log(`api: ${entry.report}: ${local ? 'report written' : 'unchanged'}`);
  }
}
process.exit(failed ? 1 : 0);
