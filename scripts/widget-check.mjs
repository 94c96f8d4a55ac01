// npm run widget:check — validates widgetmanifest.json and every packaged widget page exactly as
// the build does (scripts/widget-registry.ts), type-checks the widgets' TypeScript under the
// project's strict tsconfig.json, and prints every problem. Exit code 1 if any.
// npm run widget:check -- <file>.tfxwidget … — checks packed widgets exactly as the extension
// will when someone adds one (src/widget-host/bundles/read-bundle.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { runnerImport } from 'vite';

const packed = process.argv.slice(2).filter((arg) => arg.endsWith('.tfxwidget'));
if (packed.length > 0) {
  const { module: bundles } = await runnerImport('./src/widget-host/bundles/read-bundle.ts');
  let failed = 0;
  for (const file of packed) {
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      console.error(`✗ ${file}: ${error.message}`);
      failed++;
      continue;
    }
    const read = await bundles.readBundle(new Uint8Array(bytes));
    if (!read.ok) {
      console.error(`✗ ${file}: ${read.reason}`);
      failed++;
      continue;
    }
    const { entry, files, size, sha256 } = read.value;
    console.log(
      `✓ ${file}: ${entry.title} ${entry.version} by ${entry.author}, ${files.size} files, ${(size / 1024).toFixed(1)} KiB, SHA-256 ${sha256}`,
    );
  }
  process.exit(failed > 0 ? 1 : 0);
}

const { module: registryTools } = await runnerImport('./scripts/widget-registry.ts');
const sources = [registryTools.SHIPPED_WIDGETS];
if (process.argv.includes('--with-test-widgets')) sources.push(registryTools.TEST_WIDGETS);
const registry = registryTools.readRegistry(sources);
const problems = [...registry.errors];
// Vite strips types without checking them: a type error would otherwise build.
const { module: typecheck } = await runnerImport('./scripts/widget-typecheck.ts');
// Every widget folder, including one whose entry was refused above: its types are checked too.
const folders = sources.flatMap(({ pagesDir }) =>
  readdirSync(pagesDir, { withFileTypes: true })
    .filter((item) => item.isDirectory())
    .map((item) => `${pagesDir}/${item.name}`),
);
problems.push(...typecheck.typecheckWidgets(folders));
if (problems.length > 0) {
  console.error(`✗ ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `✓ ${registry.entries.length} widget(s) OK: ${registry.entries.map((entry) => entry.id).join(', ')}`,
);
