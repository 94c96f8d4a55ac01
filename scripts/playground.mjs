// npm run playground [-- <widget-id>] — the widget playground: one page that runs a widget in
// 2–4 simulated peers over an in-memory network (src/playground), with hot reload on save.
import { fileURLToPath } from 'node:url';
import { createServer, runnerImport } from 'vite';

const { module: registryTools } = await runnerImport('./scripts/widget-registry.ts');
const { module: guardTools } = await runnerImport('./scripts/widget-guard-plugin.ts');
const shipped = registryTools.readRegistry([registryTools.SHIPPED_WIDGETS]);
const widget = process.argv[2] ?? '';
const port = Number(process.env.PORT ?? 5180);

const server = await createServer({
  // Not vite.config.ts: that one builds the extension. The playground only needs the SDK alias.
  configFile: false,
  // Only the playground and the widgets: by default Vite scans every HTML file under the root,
  // build output included, so what it pre-bundles (and how long the first page waits) would
  // depend on what this machine happened to build before.
  optimizeDeps: { entries: ['src/playground/index.html', 'widgets/*/index.html'] },
  // The same WebRTC guard the extension puts first in every widget page.
  plugins: [
    guardTools.widgetGuardPlugin(registryTools.sandboxManifestFields(shipped.entries).pages),
  ],
  resolve: {
    alias: { '@tfx/sdk': fileURLToPath(new URL('../src/sdk', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    // Widget frames are sandboxed (origin "null"); their module scripts are cross-origin loads.
    cors: { origin: '*' },
  },
});
// Widget pages get the same CSP the extension gives them, so what breaks here breaks there.
server.middlewares.use((request, response, next) => {
  if (/\/widgets\/[^/]+\/(index\.html)?(\?|$)/.test(request.url ?? '')) {
    response.setHeader(
      'Content-Security-Policy',
      registryTools.WIDGET_SANDBOX_CSP.replace(/^sandbox [^;]*; /, ''),
    );
  }
  next();
});
await server.listen();
const url = `http://127.0.0.1:${port}/src/playground/index.html${widget ? `?widget=${widget}` : ''}`;
console.log(`Widget playground: ${url}`);
