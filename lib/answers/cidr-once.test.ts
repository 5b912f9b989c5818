// Issue 25 #13: an entry that is no CIDR at all got the same message twice (the alphabet check and
// the structure check both fired), and the list field showed it twice.
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { validateAnswers } from './schema';

describe('a CIDR that is wrong gets one message', () => {
  it.each(['office-vpn', '10.0.0.0', '10.0.0.0/33', 'fd00::/200'])('%s', (cidr) => {
    const a = validAnswers();
    if (a.externalAccess.mode !== 'ingress-controller') throw new Error('fixture');
    a.externalAccess.adminAllowCidrs = ['10.1.0.0/16', cidr];
    const r = validateAnswers(a);
    expect(r.success ? [] : r.issues).toEqual([
      {
        path: ['externalAccess', 'adminAllowCidrs', 1],
        message: 'Use CIDR notation, e.g. 10.0.0.0/8, 203.0.113.7/32 or fd00::/8.',
      },
    ]);
  });
});
