import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, presentedToken, readCookie, tokensEqual } from '../../../main/server/request-guard.ts';

describe('request guard', () => {
  it('accepts only loopback names on our own port', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5000', 5000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5001', 5000)).toBe(false);
    expect(isAllowedHost('attacker.example:5000', 5000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 5000)).toBe(false);
    expect(isAllowedHost(undefined, 5000)).toBe(false);
  });

  it('allows a missing Origin (same-origin GET) but no foreign one', () => {
    expect(isAllowedOrigin(undefined, 80)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:80', 80)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:81', 80)).toBe(false);
    expect(isAllowedOrigin('null', 80)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:80', 80)).toBe(false);
  });

  it('reads the token from a bearer header or the cookie', () => {
    expect(presentedToken({ authorization: 'Bearer abc' })).toBe('abc');
    expect(presentedToken({ cookie: 'x=1; midstance-token=tok=en; y=2' })).toBe('tok=en');
    expect(presentedToken({})).toBeUndefined();
    expect(readCookie('a=1', 'b')).toBeUndefined();
  });

  it('compares tokens exactly', () => {
    expect(tokensEqual('secret', 'secret')).toBe(true);
    expect(tokensEqual('secret', 'secreT')).toBe(false);
    expect(tokensEqual('secret', 'secret2')).toBe(false);
    expect(tokensEqual('secret', undefined)).toBe(false);
    expect(tokensEqual('secret', null)).toBe(false);
  });
});
