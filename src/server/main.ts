import { CONFIG_HELP, loadConfig, type ServerConfig } from './config.js';
import { createSignallingServer } from './create-server.js';
import { createServerLogger } from './logger.js';

function configOrExit(): ServerConfig {
  if (process.argv.includes('--help')) {
    console.log(CONFIG_HELP);
    process.exit(0);
  }
  try {
    return loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}

const config = configOrExit();
const log = createServerLogger(config.logLevel);
const server = (() => {
  try {
    return createSignallingServer(config, log);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
})();

process.on('unhandledRejection', (reason) => log.error({ reason }, 'unhandled rejection'));

try {
  const address = await server.listen();
  const url = `${server.scheme}://${address.address}:${address.port}`;
  log.info({ url, capacity: config.roomCapacity }, 'signalling server listening');
  if (process.stdout.isTTY || process.env.npm_lifecycle_event === 'start') {
    console.error(`
TFX Sessions signalling server: ${url}   (health: ${url}/healthz)
Invite links (${url}/r/<room>) open the extension, or the call in any browser.
Load the extension: open chrome://extensions, turn on Developer mode,
click "Load unpacked" and choose the dist/ folder of this repository.
Extension id: ${config.extensionId}. Stop the server with Ctrl+C.
`);
  }
} catch (error) {
  log.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 5000);
    forced.unref();
    void server.close().then(() => {
      log.info('stopped');
      process.exit(0);
    });
  });
}
