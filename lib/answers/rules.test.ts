// Rules added for issue 12, each with its boundary and its passing side; the exact issue list is
// compared, so a rule that fires too often or not at all turns a case red.
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { validateAnswers, type Answers } from './schema';
import { branchDefault } from './branches';

const issuesOf = (mutate: (a: Answers) => void) => {
  const a = validAnswers();
  mutate(a);
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => i.path.join('.'));
};

type Dir = { enabled: boolean; namespaces: string[]; cidrs: string[] };
const off: Dir = { enabled: false, namespaces: [], cidrs: [] };
const policy = (ingress: Dir, egress: Dir) => (a: Answers) => (a.networkPolicy = { enabled: true, ingress, egress });

describe('network policy: a direction with no peer denies everything (contract §9)', () => {
  it.each([
    ['ingress on, no peer', policy({ enabled: true, namespaces: [], cidrs: [] }, off), ['networkPolicy.ingress.namespaces']],
    ['ingress on, one namespace', policy({ enabled: true, namespaces: ['ingress-nginx'], cidrs: [] }, off), []],
    ['ingress on, one CIDR', policy({ enabled: true, namespaces: [], cidrs: ['203.0.113.0/24'] }, off), []],
    ['egress on, no peer', policy(off, { enabled: true, namespaces: [], cidrs: [] }), ['networkPolicy.egress.namespaces']],
    ['egress on, one CIDR', policy(off, { enabled: true, namespaces: [], cidrs: ['10.0.0.0/8'] }), []],
    ['both on, neither has a peer', policy({ enabled: true, namespaces: [], cidrs: [] }, { enabled: true, namespaces: [], cidrs: [] }), ['networkPolicy.ingress.namespaces', 'networkPolicy.egress.namespaces']],
    ['a disabled direction needs no peer', policy({ enabled: true, namespaces: ['ingress-nginx'], cidrs: [] }, off), []],
    ['peers kept from an imported file count (podSelector)', (a: Answers) => {
      policy({ enabled: true, namespaces: [], cidrs: [] }, off)(a);
      a.passthrough = { general: { networkPolicy: { ingress: { podSelector: { app: ['x'] } } } } };
    }, []],
    ['an empty kept podSelector does not count', (a: Answers) => {
      policy({ enabled: true, namespaces: [], cidrs: [] }, off)(a);
      a.passthrough = { general: { networkPolicy: { ingress: { podSelector: {} } } } };
    }, ['networkPolicy.ingress.namespaces']],
  ])('%s', (_n, mutate, expected) => expect(issuesOf(mutate)).toEqual(expected));

  it('switching the policy on starts valid: ingress from the ingress controller namespace', () => {
    expect(issuesOf((a) => (a.networkPolicy = branchDefault('networkPolicy', true) as Answers['networkPolicy']))).toEqual([]);
  });
});
