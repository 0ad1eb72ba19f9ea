import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrMatcher, parseCidr } from '../../../src/web/auth/cidr.ts';

describe('cidrMatcher: is the peer one of the trusted proxies?', () => {
  it('matches IPv4 ranges and single hosts, and nothing outside them', () => {
    const trusted = cidrMatcher(['10.0.0.0/8', '192.168.1.7', '172.16.0.0/12']);
    assert.equal(trusted('10.0.0.1'), true);
    assert.equal(trusted('10.255.255.255'), true);
    assert.equal(trusted('11.0.0.1'), false);
    assert.equal(trusted('192.168.1.7'), true);
    assert.equal(trusted('192.168.1.8'), false);
    assert.equal(trusted('172.31.255.1'), true);
    assert.equal(trusted('172.32.0.1'), false);
  });

  it('matches IPv6 ranges, compressed or not, with or without a zone id', () => {
    const trusted = cidrMatcher(['fd00::/8', '::1/128', '2001:db8:abcd::/48']);
    assert.equal(trusted('::1'), true);
    assert.equal(trusted('0:0:0:0:0:0:0:1'), true);
    assert.equal(trusted('::2'), false);
    assert.equal(trusted('fd12:3456::9'), true);
    assert.equal(trusted('fe80::1%eth0'), false);
    assert.equal(trusted('2001:db8:abcd:12::1'), true);
    assert.equal(trusted('2001:db8:abce::1'), false);
  });

  it('treats an IPv4-mapped IPv6 peer (what a dual-stack socket reports) as its IPv4 address', () => {
    const trusted = cidrMatcher(['127.0.0.1/32', '10.0.0.0/8']);
    assert.equal(trusted('::ffff:127.0.0.1'), true);
    assert.equal(trusted('::ffff:10.9.8.7'), true);
    assert.equal(trusted('::ffff:7f00:1'), true, 'the hex spelling of ::ffff:127.0.0.1');
    assert.equal(trusted('::ffff:127.0.0.2'), false);
    assert.equal(trusted('::127.0.0.1'), false, 'IPv4-compatible (deprecated) is not IPv4-mapped');
    assert.equal(trusted('::1'), false, 'IPv6 loopback is not 127.0.0.1');
  });

  it('lets a ::ffff:0:0/96 range cover IPv4 peers', () => {
    const trusted = cidrMatcher(['::ffff:10.0.0.0/104']);
    assert.equal(trusted('10.1.2.3'), true);
    assert.equal(trusted('::ffff:10.1.2.3'), true);
    assert.equal(trusted('11.1.2.3'), false);
  });

  it('handles /0 (everything of that family) and ignores host bits in the entry', () => {
    assert.equal(cidrMatcher(['0.0.0.0/0'])('203.0.113.9'), true);
    assert.equal(cidrMatcher(['0.0.0.0/0'])('2001:db8::1'), false);
    assert.equal(cidrMatcher(['::/0'])('2001:db8::1'), true);
    assert.equal(cidrMatcher(['10.1.2.3/8'])('10.200.0.1'), true);
  });

  it('trusts nothing when the list is empty or the address is not an address', () => {
    assert.equal(cidrMatcher([])('127.0.0.1'), false);
    const trusted = cidrMatcher(['127.0.0.1/32']);
    assert.equal(trusted(undefined), false);
    assert.equal(trusted(''), false);
    assert.equal(trusted('localhost'), false);
    assert.equal(trusted('127.0.0.1, 10.0.0.1'), false);
  });

  it('refuses malformed CIDRs with a message naming the entry', () => {
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0/8', '10.0.0.0/-1', '10.0.0.0/8/8', 'fd00::/x', 'proxy']) {
      assert.throws(() => parseCidr(bad), new RegExp(`"${bad.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}" is not a CIDR`));
    }
  });
});
