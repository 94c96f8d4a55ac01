import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core's violations of any impact on a page and in each of its frames (widgets run in
 * sandboxed frames of their own, and are part of what a person uses). Evaluated through the
 * browser's debugger, so the pages' CSP does not stand in its way: it is not a page script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    if (frame.url() === 'about:blank' || frame.url() === '') continue;
    await frame.evaluate(AXE_SOURCE);
    const violations = await frame.evaluate(async () => {
      const { axe } = globalThis as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      };
      const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
      return result.violations.map(
        (violation) =>
          `${violation.impact} ${violation.id}: ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(' | ')}`,
      );
    });
    const where =
      frame === page.mainFrame()
        ? ''
        : `[${frame.name() || frame.url().split('/').slice(-2).join('/')}] `;
    found.push(...violations.map((violation) => `${where}${violation}`));
  }
  return found;
}
