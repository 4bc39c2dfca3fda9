import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../main/electron/schemes.ts';
import { isTrustedSender } from '../../../main/electron/sender-check.ts';

describe('isTrustedSender', () => {
  it('accepts our own app page, whatever its route, query or hash', () => {
    expect(isTrustedSender(APP_ENTRY_URL, APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('midstance-app://app/', APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('midstance-app://app/index.html?x=1#/workspace', APP_ENTRY_URL)).toBe(true);
  });

  it.each([
    ['another host on our scheme', 'midstance-app://evil/index.html'],
    ['a look-alike host', 'midstance-app://app.evil/index.html'],
    ['credentials in front of a foreign host', 'midstance-app://app@evil/index.html'],
    ['credentials in front of our host', 'midstance-app://user:pw@app/index.html'],
    ['a port on our host', 'midstance-app://app:8080/index.html'],
    ['the frame scheme', 'midstance-frame://frames/clip/1'],
    ['a local file', 'file:///work/main/out/renderer/index.html'],
    ['a web page', 'https://example.com/'],
    ['a loopback server', 'http://127.0.0.1:5173/'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url, APP_ENTRY_URL)).toBe(false);
  });

  it('refuses a sender without a URL (a frame already gone)', () => {
    expect(isTrustedSender(null, APP_ENTRY_URL)).toBe(false);
    expect(isTrustedSender(undefined, APP_ENTRY_URL)).toBe(false);
  });

  it('refuses everything when the expected URL itself is malformed', () => {
    expect(isTrustedSender(APP_ENTRY_URL, 'nonsense')).toBe(false);
  });
});
