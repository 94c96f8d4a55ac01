/**
 * The one card a person sees when a room will not have them (locked, full): why, that their
 * camera and microphone are off, and the way on. It replaces whatever the page showed, the
 * pre-join step or a call that never started.
 */
export function showRefusal(reason: string, startNewRoom: () => void): void {
  for (const selector of ['#prejoin', '#stage', '#controls', '#password-form', '#banner'])
    document.querySelector<HTMLElement>(selector)!.hidden = true;
  document.querySelector('#refusal-reason')!.textContent = reason;
  document.querySelector<HTMLElement>('#refusal')!.hidden = false;
  const button = document.querySelector<HTMLButtonElement>('#refusal-new-room')!;
  button.onclick = startNewRoom;
  button.focus();
}
