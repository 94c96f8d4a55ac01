// Echoes every message on the port its parent hands it, the way a widget frame's SDK answers
// the host: the other end of one frame crossing, with no work of its own.
addEventListener('message', (event) => {
  const [port] = event.ports;
  if (!port) return;
  port.onmessage = (message) => port.postMessage(message.data);
});
