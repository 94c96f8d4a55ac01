// npm run widget:pack <id> [--with-test-widgets] — builds widgets/<id>/ into one file,
// build/widgets/<id>-<version>.tfxwidget, that anyone can add to TFX Sessions without
// rebuilding it, and prints its size and SHA-256 (scripts/pack-widget.ts does the work).
import { runnerImport } from 'vite';

const id = process.argv[2];
if (!id || id.startsWith('-')) {
  console.error('Usage: npm run widget:pack <id>   (a widget in widgetmanifest.json)');
  process.exit(2);
}
const { module: registryTools } = await runnerImport('./scripts/widget-registry.ts');
const { module: packing } = await runnerImport('./scripts/pack-widget.ts');
const sources = [registryTools.SHIPPED_WIDGETS];
if (process.argv.includes('--with-test-widgets')) sources.push(registryTools.TEST_WIDGETS);
try {
  const { file, bundle } = await packing.packWidget(id, sources);
  console.log(`✓ ${file}`);
  console.log(`  ${bundle.entry.title} ${bundle.entry.version} by ${bundle.entry.author}`);
  console.log(`  ${bundle.files.size} files, ${(bundle.size / 1024).toFixed(1)} KiB`);
  console.log(`  SHA-256 ${bundle.sha256}`);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
