import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the Poll in docs/widgets.md', () => {
  it('is the tested one, word for word, and stays within 80 lines', () => {
    const poll = readFileSync('test/fixtures/poll/poll.ts', 'utf8');
    expect(readFileSync('docs/widgets.md', 'utf8')).toContain(`\`\`\`ts\n${poll}\`\`\``);
    expect(poll.trimEnd().split('\n').length).toBeLessThanOrEqual(80);
  });
});
