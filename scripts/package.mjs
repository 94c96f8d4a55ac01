// npm run package [-- --check] — the Chrome Web Store package, release/tfx-sessions-<version>.zip,
// from a clean release build for the server named at build time:
//   TFX_SERVER_URL=https://calls.example.com npm run package -- --check
// --check also holds it to the store's published rules (scripts/store-rules.ts) and fails on any.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runnerImport } from 'vite';

const { module: rules } = await runnerImport('./scripts/release-rules.ts');
const { module: target } = await runnerImport('./scripts/build-target.ts');
const { module: packaging } = await runnerImport('./scripts/store-package.ts');
const { module: store } = await runnerImport('./scripts/store-rules.ts');

try {
  rules.releaseServerUrl(process.env);
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(2);
}
const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, TFX_BUILD: 'release' },
});
if (built.status !== 0) process.exit(built.status ?? 1);

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const files = packaging.releaseFiles(target.RELEASE_OUT_DIR);
const zip = packaging.zipPackage(files);
mkdirSync('release', { recursive: true });
const file = `release/tfx-sessions-${version}.zip`;
writeFileSync(file, zip);
console.log(`✓ ${file}`);
console.log(`  for ${rules.releaseServerUrl(process.env)}`);
console.log(`  ${files.size} files, ${(zip.length / 1024).toFixed(1)} KiB zipped`);

if (process.argv.includes('--check')) {
  const problems = store.storeProblems(files, readFileSync('docs/store/permissions.md', 'utf8'));
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log("✓ meets the store's rules checked here (name, description, icons, version, no key,");
  console.log('  no remote script, no source maps, nothing unloaded, every permission explained)');
}
