import { describe, expect, it } from 'vitest';
import { isThisComputerOnly, parseServerUrl } from '../../../src/shared/server-url.js';

describe('isThisComputerOnly', () => {
  it.each([
    'http://127.0.0.1:8080/r/abc',
    'http://127.1.2.3/r/abc',
    'http://localhost:8080/r/abc',
    'http://LOCALHOST/r/abc',
    'http://calls.localhost/r/abc',
    'http://[::1]:8080/r/abc',
    'http://0.0.0.0:8080/r/abc',
  ])('says %s opens only on this computer', (link) => {
    expect(isThisComputerOnly(link)).toBe(true);
  });

  it.each([
    'https://sessions.example.com/r/abc',
    'http://192.168.1.20:8080/r/abc',
    'http://127.example.com/r/abc',
    'http://localhost.example.com/r/abc',
    'not a link',
  ])('says %s may open elsewhere', (link) => {
    expect(isThisComputerOnly(link)).toBe(false);
  });
});

describe('parseServerUrl', () => {
  it('keeps the origin of an http(s) address and refuses others', () => {
    expect(parseServerUrl(' https://a.example:8443/path ')).toBe('https://a.example:8443');
    expect(parseServerUrl('ftp://a.example')).toBeUndefined();
    expect(parseServerUrl('nope')).toBeUndefined();
  });
});
