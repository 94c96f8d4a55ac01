// A load-generator client that speaks the socket.io wire protocol (Engine.IO v4, Socket.IO v5)
// over a bare `ws` WebSocket. The peerjs side of the load bench is a bare `ws` client too, so
// both servers face clients of the same weight: socket.io-client does much more per message
// (reconnection, buffering, an event emitter per socket) and, in one process with 5,000 of
// them, the generator rather than the server set the pace.
//
// Only what the bench needs: the default namespace, events, acknowledgements, pong. Packets:
//   Engine.IO: 0 open, 2 ping, 3 pong, 4 message.  Socket.IO (after the 4): 0 connect,
//   2 event, 3 ack, 4 connect error; an ack id sits between the type and the JSON.
import WebSocket from 'ws';

export function connectSocketIo(url, onEvent) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const pendingAcks = new Map();
  let nextAckId = 0;
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const text = raw.toString();
      switch (text[0]) {
        case '0':
          ws.send('40');
          return;
        case '2':
          ws.send('3');
          return;
        case '4':
          break;
        default:
          return;
      }
      const kind = text[1];
      if (kind === '0') {
        resolve({
          emit: (name, payload) => ws.send(`42${JSON.stringify([name, payload])}`),
          emitWithAck: (name, payload) =>
            new Promise((answer) => {
              const id = nextAckId++;
              pendingAcks.set(id, answer);
              ws.send(`42${id}${JSON.stringify([name, payload])}`);
            }),
          close: () => ws.close(),
        });
      } else if (kind === '4') {
        reject(new Error(`connection refused: ${text.slice(2)}`));
      } else if (kind === '2') {
        const [name, payload] = JSON.parse(text.slice(2));
        onEvent(name, payload);
      } else if (kind === '3') {
        const start = text.indexOf('[');
        const id = Number(text.slice(2, start));
        pendingAcks.get(id)?.(JSON.parse(text.slice(start))[0]);
        pendingAcks.delete(id);
      }
    });
  });
}
