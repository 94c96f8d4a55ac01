import { createServer, type Server } from 'node:http';

/**
 * A website on its own local origin that uses embed.js as a site would: `/?room=…&mode=embed`
 * puts the call in its page and records every event in `window.seen`, with buttons of its own
 * for mute and leave; `mode=button` shows a "Call us" button made with TFX.callButton.
 */
export interface EmbeddingSite {
  origin: string;
  close(): Promise<void>;
}

const SITE_SCRIPT = `
const params = new URLSearchParams(location.search);
const room = params.get('room');
window.seen = [];
if (params.get('mode') === 'embed') {
  const call = TFX.embed('#call', { room, name: 'Site visitor' });
  for (const event of ['joined', 'left', 'peerJoined', 'peerLeft', 'error']) {
    call.on(event, (data) => window.seen.push({ event, ...data }));
  }
  document.getElementById('mute').addEventListener('click', () => call.mute());
  document.getElementById('leave').addEventListener('click', () => call.leave());
} else {
  TFX.callButton('#call-button', { room });
}
`;

function page(server: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop</title></head>
<body>
<h1>A shop that takes calls</h1>
<button id="mute" type="button">Mute the call</button>
<button id="leave" type="button">End the call</button>
<button id="call-button" type="button">Call us</button>
<div id="call" style="width: 900px; height: 600px"></div>
<script src="${server}/embed.js"></script>
<script src="/site.js"></script>
</body></html>`;
}

export async function startEmbeddingSite(
  host: string,
  port: number,
  server: string,
): Promise<EmbeddingSite> {
  const http: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://site');
    if (pathname === '/site.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return response.end(SITE_SCRIPT);
    }
    if (pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page(server));
    }
    return response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(port, host, resolve));
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
