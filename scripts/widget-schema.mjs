// Writes widgetmanifest.schema.json from the registry's one schema (src/protocol/widget-manifest.ts).
import { writeFileSync } from 'node:fs';
import { runnerImport } from 'vite';

const { module } = await runnerImport('./src/protocol/widget-manifest.ts');
writeFileSync(
  'widgetmanifest.schema.json',
  `${JSON.stringify(module.widgetManifestJsonSchema(), null, 2)}\n`,
);
console.log('Wrote widgetmanifest.schema.json');
