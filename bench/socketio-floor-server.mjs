// The floor for any socket.io signalling server: the same wire as the TFX server (join with an
// acknowledgement, relay a signal to a peer by id), with no validation, limits, metrics, logging
// or room store. The load bench runs it beside the TFX server and peerjs-server so the figures
// show how much of the cost is socket.io itself and how much is ours.
// Usage: node bench/socketio-floor-server.mjs --port N
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
const http = createServer((_request, response) => response.end('ok'));
const io = new Server(http, { serveClient: false });
const socketOfPeer = new Map();
let nextPeer = 0;

io.on('connection', (socket) => {
  let self;
  socket.on('room:join', (_payload, ack) => {
    self = `p${nextPeer++}`;
    socketOfPeer.set(self, socket);
    ack({ ok: true, data: { self: { id: self } } });
  });
  socket.on('signal:send', ({ to, signal }) => {
    socketOfPeer.get(to)?.emit('signal:received', { from: self, signal });
  });
  socket.on('disconnect', () => socketOfPeer.delete(self));
});
http.listen(port, '127.0.0.1');
// Exit cleanly on SIGTERM so that a profile (BENCH_PROFILE) is written.
process.on('SIGTERM', () => process.exit(0));
