/**
 * The page a person sees once, right after installing: what TFX Sessions is, how to keep it in
 * the toolbar, a camera and microphone check that never leaves this page, and a way into a
 * first call. The check's stream goes to a <video> and an analyser here, and nowhere else.
 */
import { openCallMessage, parseExtensionReply } from '../protocol/extension-messages.js';
import { browser } from '../platform/browser.js';
import { DEFAULT_SERVER_URL } from '../shared/configured-servers.js';
import { errorText } from '../shared/error-text.js';
import { prepareMessages, t, translatePage } from '../shared/i18n.js';
import { platform } from '../platform/current.js';
import { createLogger, logUnhandledRejections } from '../shared/log.js';
import { newRoomId } from '../shared/room-id.js';

const log = createLogger('welcome');
logUnhandledRejections(log);
// The strings are ready at once unless the extension is only just installed (see platform).
void prepareMessages(platform).then(() => translatePage(document));

const video = document.querySelector<HTMLVideoElement>('#check-video')!;
const level = document.querySelector<HTMLElement>('#check-level')!;
const status = document.querySelector<HTMLElement>('#check-status')!;
const startCheck = document.querySelector<HTMLButtonElement>('#check-start')!;
const stopCheck = document.querySelector<HTMLButtonElement>('#check-stop')!;

// The operator's server publishes the policy of the service this build talks to.
document.querySelector<HTMLAnchorElement>('#privacy')!.href = `${DEFAULT_SERVER_URL}/privacy`;

let running: { stream: MediaStream; audio: AudioContext; frame: number } | undefined;

function showLevel(analyser: AnalyserNode): number {
  const samples = new Uint8Array(analyser.fftSize);
  const draw = (): void => {
    analyser.getByteTimeDomainData(samples);
    const peak = samples.reduce((most, sample) => Math.max(most, Math.abs(sample - 128)), 0);
    const percent = Math.min(100, Math.round((peak / 128) * 200));
    level.style.setProperty('--level', `${percent}%`);
    level.setAttribute('aria-valuenow', String(percent));
    if (running) running.frame = requestAnimationFrame(draw);
  };
  return requestAnimationFrame(draw);
}

function stop(): void {
  if (!running) return;
  cancelAnimationFrame(running.frame);
  for (const track of running.stream.getTracks()) track.stop();
  void running.audio.close();
  running = undefined;
  video.srcObject = null;
  video.hidden = level.hidden = stopCheck.hidden = true;
  startCheck.hidden = false;
  status.textContent = t('welcome_check_stopped');
  startCheck.focus();
}

async function start(): Promise<void> {
  status.classList.remove('error');
  status.textContent = t('prejoin_starting_media');
  startCheck.disabled = true;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(stream).connect(analyser);
    running = { stream, audio, frame: 0 };
    running.frame = showLevel(analyser);
    video.srcObject = stream;
    video.hidden = level.hidden = stopCheck.hidden = false;
    startCheck.hidden = true;
    status.textContent = t('welcome_check_working');
    stopCheck.focus();
  } catch (error) {
    log.info('The camera and microphone check did not start', error);
    status.classList.add('error');
    status.textContent = t('welcome_check_failed');
  } finally {
    startCheck.disabled = false;
  }
}

startCheck.addEventListener('click', () => void start());
stopCheck.addEventListener('click', stop);
window.addEventListener('pagehide', stop);

document.querySelector('#start-call')!.addEventListener('click', () => {
  const problem = document.querySelector<HTMLElement>('#start-problem')!;
  problem.textContent = '';
  // The pre-join starts the camera itself; two pages holding it would fight over it.
  stop();
  void browser.runtime.sendMessage(openCallMessage(newRoomId())).then(
    (raw: unknown) => {
      const reply = parseExtensionReply(raw);
      if (!reply.ok) problem.textContent = t('popup_no_answer');
      else if (!reply.value.ok) problem.textContent = errorText(reply.value.error);
    },
    () => (problem.textContent = t('popup_no_answer')),
  );
});
