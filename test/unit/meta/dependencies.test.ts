import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering that shared/STYLE.md and docs/architecture.md describe, kept true: which folders
 * of src/ each folder may import, no import cycle between files, and widgets that import only
 * the SDK, their own folder and npm packages.
 */
const MAY_IMPORT: Record<string, string[]> = {
  // The shell the code runs in (extension or web client), under everything that asks it.
  // The catalogues of strings and the choice of language: under everything that shows text.
  locales: [],
  platform: ['locales'],
  shared: ['platform', 'locales'],
  protocol: ['shared'],
  sdk: ['protocol'],
  server: ['protocol', 'shared', 'locales'],
  'signalling-client': ['protocol', 'shared'],
  session: ['protocol', 'shared', 'signalling-client'],
  'widget-host': ['platform', 'protocol', 'shared'],
  call: ['platform', 'protocol', 'shared', 'session', 'signalling-client', 'widget-host'],
  background: ['platform', 'protocol', 'shared'],
  popup: ['platform', 'protocol', 'shared'],
  welcome: ['platform', 'protocol', 'shared'],
  // Settings lists and adds installed widgets (widget-host/bundles).
  options: ['platform', 'protocol', 'shared', 'widget-host'],
  // The playground is a web page: its widget storage is the web shell's session storage.
  playground: ['platform', 'protocol', 'shared', 'widget-host'],
  // embed.js, loaded by websites: the embed wire and nothing of the call.
  web: ['protocol', 'shared'],
};
/**
 * The SDK is shipped on its own to widget authors: of the wires it takes the widget wire only,
 * with its result shape and its JSON depth limit (small files that import nothing).
 */
const SDK_MAY_IMPORT = [
  'src/protocol/widget.ts',
  'src/protocol/parsed.ts',
  'src/protocol/json-depth.ts',
];

/**
 * The widget test host (sdk/testing.ts) runs in Node, never in a widget: it is built on the
 * real host's parts (the in-memory room, the storage, the wire's checks) so it behaves alike.
 */
const TEST_HOST_MAY_IMPORT = (file: string, to: string) =>
  file === 'src/sdk/testing.ts' && ['protocol', 'shared', 'widget-host'].includes(to);

type Graph = Map<string, string[]>;

function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, side-effect and dynamic imports. */
export function specifiersIn(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map(
    (match) => match[1]!,
  );
}

/** A relative specifier as a project path (`.js` written for `.ts`, or no extension). */
function resolveRelative(from: string, specifier: string): string {
  const base = normalize(join(dirname(from), specifier));
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((path) => existsSync(path)) ?? base;
}

function graphOf(files: string[]): { graph: Graph; bare: Map<string, string[]> } {
  const graph: Graph = new Map();
  const bare = new Map<string, string[]>();
  for (const file of files) {
    const specifiers = specifiersIn(readFileSync(file, 'utf8'));
    graph.set(
      file,
      specifiers.filter((s) => s.startsWith('.')).map((s) => resolveRelative(file, s)),
    );
    bare.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
  }
  return { graph, bare };
}

/** Each cycle once, as the files around it. */
export function cyclesIn(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

const folderOf = (path: string) => (path.startsWith('src/') ? path.split('/')[1]! : undefined);

/** Arrows between folders of src/ that the table does not allow, as `from -> to (file)`. */
export function arrowsAgainstLayering(graph: Graph): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!from) continue;
    for (const target of targets) {
      const to = folderOf(target);
      if (!to || to === from) continue;
      const allowed =
        TEST_HOST_MAY_IMPORT(file, to) ||
        ((MAY_IMPORT[from] ?? []).includes(to) &&
          (from !== 'sdk' || SDK_MAY_IMPORT.includes(target)));
      if (!allowed) wrong.push(`${from} -> ${to} (${file} imports ${target})`);
    }
  }
  return wrong;
}

/** Imports of a widget that leave its own folder, other than the SDK and npm packages. */
export function widgetImportsOutside(graph: Graph, bare: Map<string, string[]>): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const own = /^widgets\/[^/]+\//.exec(file)?.[0];
    if (!own) continue;
    for (const target of targets)
      if (!target.startsWith(own)) wrong.push(`${file} imports ${target}`);
    for (const specifier of bare.get(file) ?? [])
      if (specifier.startsWith('@tfx/') && !['@tfx/sdk', '@tfx/sdk/state'].includes(specifier))
        wrong.push(`${file} imports ${specifier}`);
  }
  return wrong;
}

describe('the dependency rules', () => {
  const { graph, bare } = graphOf([...sourceFiles('src'), ...sourceFiles('widgets')]);

  it('reads the imports of the tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/call/main.ts')).toContain('src/session/call-session.ts');
  });

  it('has no import cycle between files', () => {
    expect(cyclesIn(graph)).toEqual([]);
  });

  it('has no arrow against the layering', () => {
    expect(arrowsAgainstLayering(graph)).toEqual([]);
  });

  it('keeps each widget to the SDK, its own folder and npm packages', () => {
    expect(widgetImportsOutside(graph, bare)).toEqual([]);
  });

  it('catches what it is there to catch', () => {
    const broken: Graph = new Map([
      ['src/shared/a.ts', ['src/protocol/b.ts']],
      ['src/protocol/b.ts', ['src/shared/a.ts']],
      ['src/sdk/index.ts', ['src/protocol/signalling.ts']],
      ['widgets/chat/main.ts', ['src/shared/log.ts', 'widgets/chat/chat-log.ts']],
    ]);
    expect(cyclesIn(broken)).toEqual([['src/shared/a.ts', 'src/protocol/b.ts']]);
    expect(arrowsAgainstLayering(broken)).toEqual([
      'shared -> protocol (src/shared/a.ts imports src/protocol/b.ts)',
      'sdk -> protocol (src/sdk/index.ts imports src/protocol/signalling.ts)',
    ]);
    expect(
      widgetImportsOutside(broken, new Map([['widgets/chat/main.ts', ['@tfx/internal']]])),
    ).toEqual([
      'widgets/chat/main.ts imports src/shared/log.ts',
      'widgets/chat/main.ts imports @tfx/internal',
    ]);
    expect(
      specifiersIn(
        `import a from './a.js';\nexport { b } from "../b";\nawait import('./c');\nimport './d.css';`,
      ),
    ).toEqual(['./a.js', '../b', './c', './d.css']);
  });
});
