import { t } from '../../shared/i18n.js';

/** Shows the room-password form and resolves with what was typed. */
export function askPassword(wrong: boolean): Promise<string> {
  const form = document.querySelector<HTMLFormElement>('#password-form')!;
  const input = document.querySelector<HTMLInputElement>('#room-password')!;
  const problem = document.querySelector<HTMLElement>('#password-problem')!;
  problem.textContent = wrong ? t('password_wrong_try_again') : '';
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
