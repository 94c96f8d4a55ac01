import { describe, expect, it } from 'vitest';
import { releaseServerUrl, storeVersionProblem } from '../../../scripts/release-rules.js';

describe('what a store release needs', () => {
  it('takes its https server from TFX_SERVER_URL, as an origin', () => {
    expect(releaseServerUrl({ TFX_SERVER_URL: 'https://calls.example.com/path' })).toBe(
      'https://calls.example.com',
    );
  });

  it('refuses to be built without a server, or with one over plain http, saying how', () => {
    expect(() => releaseServerUrl({})).toThrow(/TFX_SERVER_URL=https:/);
    expect(() => releaseServerUrl({ TFX_SERVER_URL: 'http://calls.example.com' })).toThrow(
      /over https/,
    );
    expect(() => releaseServerUrl({ TFX_SERVER_URL: 'calls' })).toThrow(/not a URL/);
  });

  it("accepts only the versions Chrome's store accepts", () => {
    for (const good of ['0.1.0', '1', '1.2.3.4', '65535.0']) {
      expect(storeVersionProblem(good), good).toBeUndefined();
    }
    for (const bad of ['0.0.0', '1.2.3.4.5', '1.02', '1.2.3-beta', '70000', '', '1..2']) {
      expect(storeVersionProblem(bad), bad).toMatch(/not one to four numbers/);
    }
  });
});
