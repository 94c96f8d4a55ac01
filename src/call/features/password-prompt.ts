/** Shows the room-password form and resolves with what was typed. */
export function askPassword(wrong: boolean): Promise<string> {
  const form = document.querySelector<HTMLFormElement>('#password-form')!;
  const input = document.querySelector<HTMLInputElement>('#room-password')!;
  const problem = document.querySelector<HTMLElement>('#password-problem')!;
  problem.textContent = wrong ? 'That password is not right for this room. Try again.' : '';
  input.value = '';
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', function onSubmit(event) {
      event.preventDefault();
      if (input.value === '') return;
      form.removeEventListener('submit', onSubmit);
      form.hidden = true;
      resolve(input.value);
    });
  });
}
