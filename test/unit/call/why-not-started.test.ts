import { describe, expect, it } from 'vitest';
import { whyNotStarted, type Fetcher } from '../../../src/call/widgets/why-not-started.js';

const APP = 'https://board.example.com/app/index.html';
const web = { kind: 'web', url: APP } as const;
const PAGE =
  '<script type="module" src="./main.js"></script><script type="module" src="/sdk.js"></script>';

/** A site as a fetch sees it: per URL, a page, a status, or a failure per request mode. */
function site(answers: Record<string, { body?: string; status?: number; fails?: RequestMode[] }>) {
  const asked: string[] = [];
  const fetcher: Fetcher = (url, init) => {
    asked.push(`${init.mode} ${url}`);
    const answer = answers[url];
    if (!answer || answer.fails?.includes(init.mode!))
      return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(answer.body ?? '', { status: answer.status ?? 200 }));
  };
  return { fetcher, asked };
}

describe('why a widget did not start', () => {
  it('says a packaged widget’s script failed, and asks no site', async () => {
    const { fetcher, asked } = site({});
    expect(
      await whyNotStarted(
        'Dice',
        { kind: 'packaged', path: 'widgets/dice/index.html' },
        true,
        fetcher,
      ),
    ).toBe(
      'Dice did not start: its script never connected to the call. The browser console says why.',
    );
    expect(asked).toEqual([]);
  });

  it.each([
    [
      'an unreachable site or an untrusted certificate',
      {},
      'Board did not start: https://board.example.com could not be reached securely: the site is down, or this browser does not trust its certificate.',
    ],
    [
      'an error status',
      { [APP]: { status: 404 } },
      `Board did not start: its page at ${APP} answered 404.`,
    ],
    [
      'a module script served without CORS',
      {
        [APP]: { body: PAGE },
        'https://board.example.com/app/main.js': { fails: ['cors'] as RequestMode[] },
      },
      'Board did not start: its script https://board.example.com/app/main.js is served without Access-Control-Allow-Origin: *, which a sandboxed widget needs.',
    ],
    [
      'a page whose scripts load but never connect',
      {
        [APP]: { body: PAGE },
        'https://board.example.com/app/main.js': {},
        'https://board.example.com/sdk.js': {},
      },
      'Board did not start: its page at https://board.example.com loaded, but never connected to the call: does it load the TFX SDK?',
    ],
  ])('names %s', async (_, answers, said) => {
    expect(await whyNotStarted('Board', web, true, site(answers).fetcher)).toBe(said);
  });

  it('gives the general reason where the page may not look at other sites', async () => {
    const { fetcher, asked } = site({});
    expect(await whyNotStarted('Board', web, false, fetcher)).toBe(
      'Board did not start: its page at https://board.example.com never connected to the call. It must load the TFX SDK, and serve its module scripts with Access-Control-Allow-Origin: *.',
    );
    expect(asked).toEqual([]);
  });
});
