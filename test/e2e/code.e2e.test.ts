import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8091;

function code(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Code"]');
}

/** The document as the editor shows it, one string with newlines, without peers' cursor labels. */
async function documentOf(page: Page): Promise<string> {
  const lines = await code(page)
    .locator('.cm-line')
    .evaluateAll((elements) =>
      elements.map((line) => {
        const copy = line.cloneNode(true) as Element;
        for (const caret of copy.querySelectorAll('.cm-ySelectionCaret')) caret.remove();
        return copy.textContent ?? '';
      }),
    );
  return lines.join('\n');
}

/** The words the editor colours differently from plain text: what highlighting shows a reader. */
async function colouredWords(page: Page): Promise<string[]> {
  return code(page)
    .locator('.cm-line span')
    .evaluateAll((spans) =>
      spans
        .filter((span) => {
          const line = span.closest('.cm-line')!;
          return getComputedStyle(span).color !== getComputedStyle(line).color;
        })
        .map((span) => span.textContent ?? ''),
    );
}

/** Puts the caret at the end of the document and types, a key at a time like a person. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = code(page).getByRole('textbox', { name: 'Code' });
  await editor.click();
  await editor.press('Control+End');
  await editor.pressSequentially(text, { delay: 15 });
}

/** Whether `part`'s characters appear in `whole` in order (others may sit between them). */
function isSubsequence(part: string, whole: string): boolean {
  let at = 0;
  for (const char of whole) if (char === part[at]) at++;
  return at === part.length;
}

// The Code widget between real peers: concurrent typing converges, cursors carry names, the
// language is shared, undo is per person, and a late joiner gets the document.
describe('Code widget', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
    await openWidget(ana, 'Code');
    await code(ana).getByRole('textbox', { name: 'Code' }).waitFor();
    await code(bea).getByRole('textbox', { name: 'Code' }).waitFor();
  });

  afterAll(() => call.close());

  it('converges when Ana and Bea type at the same time', async () => {
    await typeAtEnd(ana, 'function greet() {}');
    await eventually("Bea sees Ana's line", async () =>
      (await documentOf(bea)).includes('function greet() {}'),
    );
    const anaTypes = ' ana types here';
    const beaTypes = ' bea types there';
    await Promise.all([typeAtEnd(ana, anaTypes), typeAtEnd(bea, beaTypes)]);
    await eventually('both show the same document with every keystroke', async () => {
      const [a, b] = [await documentOf(ana), await documentOf(bea)];
      return (
        a === b && a.length === 'function greet() {}'.length + anaTypes.length + beaTypes.length
      );
    });
    const merged = await documentOf(ana);
    expect(isSubsequence(anaTypes, merged)).toBe(true);
    expect(isSubsequence(beaTypes, merged)).toBe(true);
  });

  it("shows Bea's cursor on Ana's screen with her name", async () => {
    await eventually("Ana sees Bea's named cursor", async () =>
      (await code(ana).locator('.cm-ySelectionInfo').allTextContents()).includes('Bea'),
    );
    await expect(
      code(ana).getByRole('list', { name: 'Editing now' }).textContent(),
    ).resolves.toContain('Bea');
  });

  it('switches the language for everyone, and the highlighting with it', async () => {
    // JavaScript, the default, arrives after the editor opens (each language loads when chosen).
    await eventually('Bea sees JavaScript highlighted', async () =>
      (await colouredWords(bea)).includes('function'),
    );
    await code(ana).getByRole('combobox', { name: 'Language' }).selectOption('python');
    await eventually(
      "Bea's picker follows",
      async () =>
        (await code(bea).getByRole('combobox', { name: 'Language' }).inputValue()) === 'python',
    );
    // In Python "def" is a keyword and "function" a plain name; in JavaScript, the other way.
    await typeAtEnd(ana, '\ndef ok(): pass');
    await eventually('Bea sees Python highlighted', async () => {
      const coloured = await colouredWords(bea);
      return coloured.includes('def') && !coloured.includes('function');
    });
  });

  it("undoes only Ana's own typing when she presses Ctrl+Z", async () => {
    await typeAtEnd(bea, '\nbea_line = 1');
    await eventually("Ana has Bea's new line", async () =>
      (await documentOf(ana)).includes('bea_line = 1'),
    );
    await typeAtEnd(ana, '\nana_line = 2');
    await eventually("Bea has Ana's new line", async () =>
      (await documentOf(bea)).includes('ana_line = 2'),
    );
    // Bea typed last on her side, but Ana's undo takes back Ana's line only.
    await code(ana).getByRole('textbox', { name: 'Code' }).press('Control+z');
    await eventually(
      'the undo reaches Bea',
      async () => !(await documentOf(bea)).includes('ana_line'),
    );
    expect(await documentOf(ana)).toContain('bea_line = 1');
    expect(await documentOf(bea)).toContain('bea_line = 1');
  });

  it('gives a late joiner the document and the language', async () => {
    mkdirSync('docs/screenshots', { recursive: true });
    // The call and the widget, without the dock (the e2e build's dock lists test-only widgets).
    await ana.screenshot({
      path: 'docs/screenshots/code.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
    const cal = await call.join('Cal');
    await code(cal).getByRole('textbox', { name: 'Code' }).waitFor({ timeout: 30_000 });
    const expected = await documentOf(ana);
    await eventually('Cal has the document', async () => (await documentOf(cal)) === expected);
    await expect(code(cal).getByRole('combobox', { name: 'Language' }).inputValue()).resolves.toBe(
      'python',
    );
  });
});
