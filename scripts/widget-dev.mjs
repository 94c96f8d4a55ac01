// npm run widget:dev <id> [--port 5199] [--with-test-widgets] — packs widgets/<id>/ again on
// every save and serves it to a call on this computer (Widgets → Develop a widget…), which
// reloads it in place (scripts/widget-dev-server.ts does the work).
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const id = args[0];
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : 5199;
if (!id || id.startsWith('-') || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    'Usage: npm run widget:dev <id> [-- --port 5199]   (a widget in widgetmanifest.json)',
  );
  process.exit(2);
}
const { module: registryTools } = await runnerImport('./scripts/widget-registry.ts');
const { module: dev } = await runnerImport('./scripts/widget-dev-server.ts');
const sources = [registryTools.SHIPPED_WIDGETS];
if (args.includes('--with-test-widgets')) sources.push(registryTools.TEST_WIDGETS);
try {
  const server = await dev.startWidgetDevServer({
    id,
    sources,
    port,
    report: (line) => console.log(line),
  });
  console.log(`Serving ${id} at ${server.address}`);
  console.log('In a call: Widgets → Develop a widget…, give this address. Each save reloads it.');
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
