/**
 * `widget:check`'s type check: every TypeScript file in the given widget folders, under the
 * project's strict tsconfig.json (the one `npm test` uses, with `@tfx/sdk` mapped to the SDK's
 * source). Vite strips types without checking them, so without this a type error builds.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

function typeScriptFilesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return typeScriptFilesUnder(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each type error in the folders, as `path:line:column: TS<code> message`; none is []. */
export function typecheckWidgets(folders: string[], root = process.cwd()): string[] {
  const files = folders.flatMap((folder) => typeScriptFilesUnder(resolve(root, folder)));
  if (files.length === 0) return [];
  const configPath = resolve(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const inWidgets = new Set(files);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => !diagnostic.file || inWidgets.has(resolve(diagnostic.file.fileName)))
    .map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code} ${text}`;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const path = relative(root, diagnostic.file.fileName);
      return `${path}:${line + 1}:${character + 1}: TS${diagnostic.code} ${text}`;
    });
}
