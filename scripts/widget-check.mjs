// npm run widget:check — validates widgetmanifest.json and every packaged widget page exactly as
// the build does (scripts/widget-registry.ts), and prints every problem. Exit code 1 if any.
import { runnerImport } from 'vite';

const { module: registryTools } = await runnerImport('./scripts/widget-registry.ts');
const sources = [registryTools.SHIPPED_WIDGETS];
if (process.argv.includes('--with-test-widgets')) sources.push(registryTools.TEST_WIDGETS);
const registry = registryTools.readRegistry(sources);
const problems = [...registry.errors];
if (problems.length > 0) {
  console.error(`✗ ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `✓ ${registry.entries.length} widget(s) OK: ${registry.entries.map((entry) => entry.id).join(', ')}`,
);
