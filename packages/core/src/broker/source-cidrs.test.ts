import { describe, expect, it } from 'vitest';
import { ipAllowed, parseCidr } from './source-cidrs';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.168.1.77/24', '192.168.1.0/24'],
    ['172.16.5.4/12', '172.16.0.0/12'],
    ['203.0.113.9/32', '203.0.113.9/32'],
    ['203.0.113.9', '203.0.113.9/32'],
    ['255.255.255.255/31', '255.255.255.254/31'],
    ['1.2.3.4/0', '0.0.0.0/0'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:1234::1/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', '2001:db8::1/128'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'],
    ['fe80::1/10', 'fe80::/10'],
    ['::/0', '::/0'],
    ['::1', '::1/128'],
    ['2001:db8::ffff/127', '2001:db8::fffe/127'],
    ['::ffff:10.1.2.3/104', '10.0.0.0/8'],
    ['::ffff:10.1.2.3', '10.1.2.3/32'],
    ['::ffff:a01:203/128', '10.1.2.3/32'],
    ['::ffff:0:0/96', '0.0.0.0/0'],
    ['::ffff:0:0/95', '::fffe:0:0/95'],
  ])('%j → %j', (input, normalised) => {
    expect(parseCidr(input)).toEqual({ ok: true, normalised });
  });

  it.each([
    ['', 'is not an IPv4 or IPv6 address'],
    ['10.0.0.0/', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/33', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/-1', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/08', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/8.0', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/ 8', 'prefix must be a whole number from 0 to 32'],
    ['10.0.0.0/8/8', 'prefix must be a whole number from 0 to 32'],
    ['2001:db8::/129', 'prefix must be a whole number from 0 to 128'],
    ['2001:db8::/1000', 'prefix must be a whole number from 0 to 128'],
    ['256.0.0.0/8', 'is not an IPv4 or IPv6 address'],
    ['010.0.0.0/8', 'is not an IPv4 or IPv6 address'],
    ['10.0.0/8', 'is not an IPv4 or IPv6 address'],
    [' 10.0.0.0/8', 'is not an IPv4 or IPv6 address'],
    ['10.0.0.0/8 ', 'prefix must be a whole number from 0 to 32'],
    ['fe80::1%eth0/64', 'is not an IPv4 or IPv6 address'],
    ['1::2::3/64', 'is not an IPv4 or IPv6 address'],
    ['localhost/32', 'is not an IPv4 or IPv6 address'],
    ['０.０.０.０/0', 'is not an IPv4 or IPv6 address'],
  ])('rejects %j', (input, reason) => {
    const result = parseCidr(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('ipAllowed', () => {
  it.each(['10.0.0.1', '::1', 'not an ip', ''])('an empty list allows %j', (ip) => {
    expect(ipAllowed(ip, [])).toBe(true);
  });

  it.each([
    // ip, cidrs, allowed
    ['10.0.0.1', ['10.0.0.0/8'], true],
    ['10.255.255.255', ['10.0.0.0/8'], true],
    ['11.0.0.0', ['10.0.0.0/8'], false],
    ['9.255.255.255', ['10.0.0.0/8'], false],
    ['203.0.113.9', ['203.0.113.9/32'], true],
    ['203.0.113.10', ['203.0.113.9/32'], false],
    ['203.0.113.9', ['203.0.113.9'], true],
    ['10.9.9.9', ['10.1.2.3/8'], true],
    ['8.8.8.8', ['0.0.0.0/0'], true],
    ['192.168.1.1', ['10.0.0.0/8', '192.168.0.0/16'], true],
    ['172.16.0.1', ['10.0.0.0/8', '192.168.0.0/16'], false],
    ['2001:db8::1', ['2001:db8::/32'], true],
    ['2001:DB8:ffff::1', ['2001:db8::/32'], true],
    ['2001:db9::1', ['2001:db8::/32'], false],
    ['2001:db8::1', ['2001:db8::1/128'], true],
    ['2001:db8::2', ['2001:db8::1/128'], false],
    ['::1', ['::/0'], true],
    ['2001:db8::1', ['10.0.0.0/8'], false],
    ['10.0.0.1', ['2001:db8::/32'], false],
    ['::ffff:10.0.0.1', ['10.0.0.0/8'], true],
    ['::ffff:a00:1', ['10.0.0.0/8'], true],
    ['::ffff:11.0.0.1', ['10.0.0.0/8'], false],
    ['::ffff:10.0.0.1', ['10.0.0.1/32'], true],
    ['10.0.0.1', ['::ffff:10.0.0.0/104'], true],
    ['::ffff:10.0.0.1', ['::ffff:10.0.0.0/104'], true],
    ['8.8.8.8', ['::ffff:0:0/96'], true],
    ['::10.0.0.1', ['10.0.0.0/8'], false],
  ] as const)('%s in %j → %s', (ip, cidrs, allowed) => {
    expect(ipAllowed(ip, cidrs)).toBe(allowed);
  });

  it.each(['', 'not an ip', '10.0.0', '10.0.0.1 ', 'fe80::1%eth0', '010.0.0.1'])(
    'never allows a malformed client address %j past a non-empty list',
    (ip) => {
      expect(ipAllowed(ip, ['0.0.0.0/0', '::/0'])).toBe(false);
    },
  );

  it('skips malformed entries instead of treating them as allow-all', () => {
    expect(ipAllowed('10.0.0.1', ['garbage', '10.0.0.0/33', '*'])).toBe(false);
    expect(ipAllowed('10.0.0.1', ['garbage', '10.0.0.0/8'])).toBe(true);
  });
});
