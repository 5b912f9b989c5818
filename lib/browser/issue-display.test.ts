import { describe, expect, it } from 'vitest';
import {
  issueKey,
  issuesLine,
  issuesOfStep,
  newElsewhere,
  unclaimedIssues,
  visibleIssues,
  type Issue,
} from './issue-display';

const endpoint: Issue = { path: ['general', 'endpoint'], message: 'Required.' };
const cidr: Issue = { path: ['networkPolicy', 'ingress', 'cidrs', 2], message: 'Not a CIDR.' };
const tls: Issue = {
  path: ['internalTls', 'mode'],
  message: 'No internal TLS with the chart nginx.',
};
const section: Issue = { path: ['sizing'], message: 'Whole section.' };
const offline: Issue = { path: [], message: 'Server unreachable.' };
const all = [endpoint, cidr, tls, section, offline];

describe('issue display', () => {
  it.each([
    ['endpoint', [endpoint, offline]],
    ['security', [cidr, offline]],
    ['sizing', [section, offline]],
    ['database', [offline]],
  ] as const)(
    'the issues of step %s (issues without a path belong to every step)',
    (step, expected) => {
      expect(issuesOfStep(all, step)).toEqual(expected);
    },
  );

  it('a visited step shows all its issues; an unvisited one only those at changed fields (or on the way to them)', () => {
    expect(visibleIssues(all, 'security', true, () => false)).toEqual([cidr, offline]);
    expect(visibleIssues(all, 'security', false, () => false)).toEqual([offline]);
    expect(
      visibleIssues(all, 'security', false, (n) => n === 'networkPolicy.ingress.cidrs'),
    ).toEqual([cidr, offline]);
    expect(visibleIssues(all, 'security', false, (n) => n === 'networkPolicy.egress')).toEqual([
      offline,
    ]);
  });

  it('a field claims its own path; a list field also the paths below it, never a sibling with a longer name', () => {
    const issues = [
      cidr,
      { path: ['networkPolicy', 'ingress', 'cidrsExtra'], message: 'x' },
      { path: ['networkPolicy', 'ingress', 'namespaces'], message: 'y' },
    ];
    expect(
      unclaimedIssues(issues, [{ name: 'networkPolicy.ingress.cidrs', children: true }]),
    ).toEqual(issues.slice(1));
    expect(
      unclaimedIssues(issues, [{ name: 'networkPolicy.ingress.cidrs', children: false }]),
    ).toEqual(issues);
    expect(
      unclaimedIssues(issues, [
        { name: 'networkPolicy.ingress.cidrs.2', children: false },
        { name: 'networkPolicy.ingress.namespaces', children: false },
      ]),
    ).toEqual([issues[1]]);
  });

  it('issues of other steps that were not there on arrival are new; general ones and this step’s are not', () => {
    const before = new Set([issueKey(endpoint)]);
    expect(newElsewhere(all, 'external-access', before)).toEqual([cidr, tls, section]);
    expect(newElsewhere(all, 'internal-tls', new Set(all.map(issueKey)))).toEqual([]);
    expect(newElsewhere([tls], 'internal-tls', new Set())).toEqual([]);
    // the same path with a new message is a new issue
    expect(
      newElsewhere([{ ...tls, message: 'other' }], 'endpoint', new Set([issueKey(tls)])),
    ).toEqual([{ ...tls, message: 'other' }]);
  });
});

describe('issuesLine', () => {
  it('names the field of each issue, and gives an issue without one as its message alone', () => {
    expect(
      issuesLine([
        { path: ['general', 'name'], message: 'Required.' },
        { path: [], message: 'caught' },
        { message: 'no path at all' },
        { path: ['hosts', 0], message: 'not a host.' },
      ]),
    ).toBe('general.name: Required. caught no path at all hosts.0: not a host.');
    expect(issuesLine([])).toBe('');
  });
});
