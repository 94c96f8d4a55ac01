import { describe, expect, it } from 'vitest';
import { playgroundHint } from '../../../src/playground/playground-hint.js';
import type { WidgetEntry } from '../../../src/protocol/widget-manifest.js';

const entry = (page: WidgetEntry['page']) => ({ title: 'Board', page }) as WidgetEntry;

describe('what the playground tells an author', () => {
  it('names the folder of a packaged widget', () => {
    expect(playgroundHint(entry({ kind: 'packaged', path: 'widgets/board/index.html' }))).toBe(
      "Board: edit widgets/board/ and save — each peer's frame reloads.",
    );
  });

  it('names the site of a web app, which has no folder here', () => {
    expect(playgroundHint(entry({ kind: 'web', url: 'https://board.example.com/app/' }))).toBe(
      "Board runs from https://board.example.com: change it there, then press a peer's Reload.",
    );
  });
});
