/**
 * The one CSP for every packaged widget page, in the extension's manifest and on the web
 * client's widget pages as the server serves them: scripts only from the same package, no plugins, no
 * frames, no form posts (a form's submit event fires; its navigation is refused), and (with the
 * frame's sandbox attribute) an opaque origin.
 */
export const WIDGET_SANDBOX_CSP = [
  // The upper bound for every widget page; each frame's own sandbox attribute grants downloads
  // only to widgets that declared them (a frame gets what both allow).
  'sandbox allow-scripts allow-forms allow-downloads',
  "default-src 'none'",
  // blob: for the runner page alone in practice: a packed widget's script is handed to it as
  // bytes and started from a blob: URL it makes (src/widget-host/runner). Any widget could make
  // such a script from its own code, which it can already run; the sandbox is the boundary.
  "script-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  // Every HTML string goes through the guard's policy (see src/widget-host/frame), and only
  // the guard, which runs first, may make one.
  "require-trusted-types-for 'script'",
  'trusted-types default',
].join('; ');
