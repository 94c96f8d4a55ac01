import type { Locator, Page } from 'playwright-core';
import { openMenu } from './call-page.js';

/**
 * Adds a file in Settings → Your widgets, as a person does: the button, then the file. Returns
 * what the page then says (added, or why not).
 */
export async function addWidgetFile(settings: Page, file: string): Promise<string> {
  const chooser = settings.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Add widget…' }).click();
  await (await chooser).setFiles(file);
  const status = settings.locator('#widget-status');
  await status
    .filter({ hasNotText: /^Checking/ })
    .filter({ hasText: /./ })
    .waitFor();
  return (await status.textContent()) ?? '';
}

/** Opens Widgets → Add widget… in a running call, and returns its dialog. */
export async function openAddWidget(call: Page): Promise<Locator> {
  await openMenu(call, 'Widgets');
  await call
    .getByRole('toolbar', { name: 'Widgets' })
    .getByRole('button', { name: 'Add widget…' })
    .click();
  const dialog = call.getByRole('dialog', { name: 'Add a widget' });
  await dialog.waitFor();
  return dialog;
}

/** Adds a file from the Widgets menu of a running call; the widget opens at once. */
export async function addWidgetInCall(call: Page, file: string): Promise<void> {
  const dialog = await openAddWidget(call);
  const chooser = call.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
}
