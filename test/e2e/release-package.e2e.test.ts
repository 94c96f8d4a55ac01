/**
 * The store package as people get it: built by `npm run package -- --check` for an https
 * server named at build time, unzipped and loaded as it is. Two people call through that
 * server without touching any setting, and the server's invite page opens the call in the
 * installed release.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { testCertificateAuthority } from '../support/test-ca.js';
import { CALL_PAGE, WELCOME_PAGE, joinNow, launchPerson, type Person } from './harness/browser.js';
import { expectVideoPlaying, tileOf } from './harness/call-page.js';

const PORT = 8124;
const SERVER = `https://127.0.0.1:${PORT}`;
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

let releaseDir: string;
let manifest: Record<string, unknown>;
const people: Person[] = [];
let server: ServerProcess | undefined;

beforeAll(() => {
  // Exactly what a release manager runs; --check fails the build on any store rule broken.
  execFileSync('npm', ['run', '--silent', 'package', '--', '--check'], {
    env: { ...process.env, TFX_SERVER_URL: SERVER },
    stdio: 'pipe',
  });
  const files = unzipSync(readFileSync(`release/tfx-sessions-${version}.zip`));
  releaseDir = mkdtempSync(join(tmpdir(), 'tfx-release-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(releaseDir, path)), { recursive: true });
    writeFileSync(join(releaseDir, path), bytes);
  }
  manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as typeof manifest;
}, 240_000);

afterAll(async () => {
  await Promise.all(people.map((person) => person.close()));
  await server?.kill();
  rmSync(releaseDir, { recursive: true, force: true });
});

const callWindowOf = (person: Person): Promise<Page> =>
  person.context.waitForEvent('page', {
    predicate: (page) => page.url().includes(CALL_PAGE),
    timeout: 20_000,
  });

describe('the store release package', () => {
  it('carries no key and no source map, and lets only its own server open calls', () => {
    expect(manifest.key).toBeUndefined();
    expect(manifest.version).toBe(version);
    expect(manifest.externally_connectable).toEqual({ matches: [`${SERVER}/*`] });
    expect(
      Object.keys(unzipSync(readFileSync(`release/tfx-sessions-${version}.zip`))),
    ).not.toContainEqual(expect.stringMatching(/\.map$/));
  });

  it('calls through the server baked in, from the welcome page and an invite link', async () => {
    const ca = testCertificateAuthority();
    const launch = { extensionDir: releaseDir, extraArgs: [ca.trust] };
    const ana = await launchPerson({ ...launch, keepWelcome: true });
    people.push(ana);
    // The release has no key: its id comes from where it is unpacked, as with any unpacked
    // copy. The operator runs the server with the id the store gives; here, this one.
    server = await startServerProcess(PORT, [
      '--tls-cert',
      ca.certFile,
      '--tls-key',
      ca.keyFile,
      '--extension-id',
      ana.extensionId,
    ]);

    // Ana, just installed: the welcome page's Start a call, then the pre-join.
    const welcome = ana.context.pages().find((page) => page.url().endsWith(WELCOME_PAGE))!;
    const anaWindow = callWindowOf(ana);
    await welcome.getByRole('button', { name: 'Start a call' }).click();
    const anaCall = await anaWindow;
    await anaCall.getByLabel('Your name').fill('Ana');
    await joinNow(anaCall);
    const invite = await anaCall.getByLabel('Invite link').inputValue();
    expect(invite).toMatch(new RegExp(`^${SERVER}/r/[\\w-]+$`));

    // Bea, also with the release: the server's invite page hands the call to her extension.
    const bea = await launchPerson(launch);
    people.push(bea);
    const beaWindow = callWindowOf(bea);
    const invitePage = await bea.context.newPage();
    await invitePage.goto(invite);
    const beaCall = await beaWindow;
    await invitePage.getByText('The call opened in its own window.').waitFor();
    await beaCall.getByLabel('Your name').fill('Bea');
    await joinNow(beaCall);

    await expectVideoPlaying(tileOf(anaCall, 'Bea'));
    await expectVideoPlaying(tileOf(beaCall, 'Ana'));
  });
});
