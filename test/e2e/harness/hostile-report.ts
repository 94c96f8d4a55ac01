import type { FrameLocator } from 'playwright-core';
import { expect } from 'vitest';

export type HostileReport = Record<string, { blocked: boolean; detail: string }>;

/**
 * The hostile test widget's report (test/fixtures/widgets/hostile), once every attack has run:
 * checked to hold no unexpected failure and to say every attempt was blocked. Each caller then
 * checks the details its case is about.
 */
export async function blockedHostileReport(frame: FrameLocator): Promise<HostileReport> {
  await frame.locator('#report[data-done="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  const report = JSON.parse((await frame.locator('#report').textContent())!) as HostileReport;
  expect(report.unexpected).toBeUndefined();
  for (const [attempt, outcome] of Object.entries(report))
    expect({ attempt, ...outcome }).toMatchObject({ attempt, blocked: true });
  return report;
}
