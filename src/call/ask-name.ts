import { displayNameSchema } from '../protocol/signalling.js';

/** Shows the "Your name" form when no name is known yet and resolves with what was typed. */
export function askName(): Promise<string> {
  const form = document.querySelector<HTMLFormElement>('#join-form')!;
  const input = document.querySelector<HTMLInputElement>('#join-name')!;
  const problem = document.querySelector<HTMLElement>('#join-problem')!;
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', function onSubmit(event) {
      event.preventDefault();
      const name = displayNameSchema.safeParse(input.value);
      if (!name.success) {
        problem.textContent = `Your name: ${name.error.issues[0]?.message ?? 'invalid'}.`;
        return;
      }
      form.removeEventListener('submit', onSubmit);
      form.hidden = true;
      resolve(name.data);
    });
  });
}
