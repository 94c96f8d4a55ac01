/**
 * Puts the page guard (src/widget-host/frame/page-guard.ts) at the top of every packaged
 * widget page, as a classic script that runs before the page's modules, in the extension build
 * and in the playground alike.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { Plugin } from 'vite';

export const WIDGET_GUARD_FILE = 'widget-guard.js';
const GUARD_SOURCE = 'src/widget-host/frame/page-guard.ts';

function guardScript(): string {
  return ts.transpileModule(readFileSync(GUARD_SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
}

/** `widgetPages`: the packaged pages' paths from the project root, e.g. widgets/chat/index.html. */
export function widgetGuardPlugin(widgetPages: string[]): Plugin {
  const pages = new Set(widgetPages.map((path) => `/${path}`));
  return {
    name: 'tfx-widget-guard',
    configureServer(server) {
      server.middlewares.use(`/${WIDGET_GUARD_FILE}`, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(guardScript());
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (!pages.has(context.path)) return [];
        return [
          { tag: 'script', attrs: { src: `/${WIDGET_GUARD_FILE}` }, injectTo: 'head-prepend' },
        ];
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WIDGET_GUARD_FILE, source: guardScript() });
    },
  };
}
