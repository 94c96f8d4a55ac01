import type { FrameLocator, Page } from 'playwright-core';

/** The Chat widget's frame in a call page. */
export function chat(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Chat"]');
}

export async function say(page: Page, text: string): Promise<void> {
  const box = chat(page).getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

export async function expectChatLine(page: Page, author: string, text: string): Promise<void> {
  await chat(page)
    .getByRole('listitem')
    .filter({ hasText: author })
    .filter({ hasText: text })
    .waitFor({ timeout: 20_000 });
}
