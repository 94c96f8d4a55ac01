// The reference for `npm run bench`: the least code that joins a room on the same signalling
// server and opens audio, video and one negotiated DataChannel to each peer already there.
// No framework, no perfect negotiation, no validation: the floor the extension is compared to.
import { io } from '/socket.io.esm.min.js';
import { attachRaw } from '/raw-channel.js';

const params = new URLSearchParams(location.search);
const room = params.get('room');
const server = params.get('server');
const remoteVideo = document.getElementById('remote');
const links = new Map();

// `&video=off` (the widget bus bench): audio only, so video encoding does not eat the CPU the
// data channel is measured on.
const stream = await navigator.mediaDevices.getUserMedia({
  audio: true,
  video:
    params.get('video') === 'off'
      ? false
      : { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
});
const socket = io(server, { transports: ['websocket'] });
await new Promise((resolve) => socket.once('connect', resolve));

function link(peerId) {
  const pc = new RTCPeerConnection();
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  const channel = pc.createDataChannel('bench', { negotiated: true, id: 0 });
  channel.onopen = () => {
    performance.mark('tfx:datachannel-open');
    attachRaw(channel);
  };
  pc.ontrack = ({ track }) => {
    if (track.kind !== 'video') return;
    remoteVideo.srcObject = new MediaStream([track]);
    remoteVideo.requestVideoFrameCallback(() => performance.mark('tfx:first-remote-frame'));
  };
  pc.onicecandidate = ({ candidate }) => {
    if (!candidate) return;
    const init = candidate.toJSON();
    socket.emit('signal:send', {
      to: peerId,
      signal: { type: 'candidate', candidate: { ...init, candidate: init.candidate ?? '' } },
    });
  };
  links.set(peerId, pc);
  return pc;
}

socket.on('signal:received', async ({ from, signal }) => {
  if (signal.type === 'candidate') return links.get(from)?.addIceCandidate(signal.candidate);
  const pc = links.get(from) ?? link(from);
  await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
  if (signal.type === 'offer') {
    await pc.setLocalDescription(await pc.createAnswer());
    socket.emit('signal:send', {
      to: from,
      signal: { type: 'answer', sdp: pc.localDescription.sdp },
    });
  }
});

performance.mark('tfx:join-sent');
const reply = await socket.emitWithAck('room:join', {
  v: 1,
  room,
  name: 'bare',
  media: { audio: true, video: true },
  instance: 'bare-page',
});
for (const peer of reply.data.peers) {
  const pc = link(peer.id);
  await pc.setLocalDescription(await pc.createOffer());
  socket.emit('signal:send', {
    to: peer.id,
    signal: { type: 'offer', sdp: pc.localDescription.sdp },
  });
}
document.title = 'joined';
