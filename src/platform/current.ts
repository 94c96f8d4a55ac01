// The shell this build runs in. The extension build uses this file as written; the web
// client's build (vite.web.config.ts) resolves every import of it to ./web.ts instead.
export { platform } from './extension.js';
