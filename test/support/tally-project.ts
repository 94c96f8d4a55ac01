import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WidgetSource } from '../../scripts/widget-registry.js';

/** A copy of the packable Tally's source that a test edits, as its author would. */
export interface TallyProject {
  /** The registry to pack or serve it from. */
  source: WidgetSource;
  /** A file of the widget's folder (index.html, tally.ts…). */
  file(name: string): string;
  remove(): void;
}

/** Copies Tally into a new folder under build/ with a registry of its own. */
export function copyTallyProject(prefix: string): TallyProject {
  mkdirSync('build', { recursive: true });
  const project = mkdtempSync(`build/${prefix}-`);
  const folder = join(project, 'tfx-test-tally');
  cpSync('test/fixtures/packable/tfx-test-tally', folder, { recursive: true });
  const [entry] = JSON.parse(
    readFileSync('test/fixtures/packable/widgetmanifest.json', 'utf8'),
  ) as object[];
  const manifestFile = join(project, 'widgetmanifest.json');
  writeFileSync(
    manifestFile,
    JSON.stringify([{ ...entry, icon: `${folder}/icon.svg`, url: `${folder}/index.html` }]),
  );
  return {
    source: { manifestFile, pagesDir: project },
    file: (name) => join(folder, name),
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
