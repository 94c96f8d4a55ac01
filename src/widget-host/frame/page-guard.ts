/**
 * Runs first in every widget page, before any of the widget's own code (the build puts it at
 * the top of the page as a classic script). Loaded as a plain script, so it imports nothing.
 * It takes away what the CSP cannot (WebRTC), and keeps forms from navigating.
 *
 * WebRTC: the widget CSP's connect-src does not cover WebRTC, and Chromium ignores the CSP `webrtc`
 * directive, so a widget could open a peer connection to any STUN/TURN address and carry data
 * out in it. Removing the constructors closes that in this page. Workers have no WebRTC in
 * Chromium, frames with a URL are refused by frame-src, and an about:blank child cannot be
 * scripted from a sandboxed page. What is left is a child frame written from HTML (`srcdoc`),
 * which starts with a fresh global of its own; the CSP makes every HTML string pass through
 * the Trusted Types policy below, which refuses any that could make one.
 */
(() => {
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (/^(webkit)?RTC/.test(name)) Reflect.deleteProperty(globalThis, name);
  }

  interface TrustedTypes {
    createPolicy(
      name: string,
      rules: {
        createHTML(html: string, type: string, sink: string): string | null;
        createScript(script: string): string;
        createScriptURL(url: string): string;
      },
    ): unknown;
  }
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypes }).trustedTypes;
  // An attribute name cannot be spelled with entities or escapes, so HTML that never says
  // "srcdoc" cannot give a frame its own document, whatever the parser (HTML or XML).
  const writesAFrameDocument = /srcdoc/i;
  trustedTypes?.createPolicy('default', {
    createHTML: (html, _type, sink) =>
      sink.includes('srcdoc') || writesAFrameDocument.test(html) ? null : html,
    // Scripts are still ruled by script-src: no inline code, no eval.
    createScript: (script) => script,
    createScriptURL: (url) => url,
  });

  // Forms: the frame allows them so that a widget's <form> fires `submit` (Enter in a field),
  // but a submission never leaves the page. Cancelled here, in the capture phase before any
  // handler of the widget's, which still runs; without this a form whose handler forgot
  // preventDefault() would try to navigate, be refused by form-action 'none', and leave the
  // frame showing an error page instead of the widget.
  addEventListener('submit', (event) => event.preventDefault(), { capture: true });
})();
