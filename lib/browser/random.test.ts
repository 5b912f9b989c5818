import { describe, expect, it } from 'vitest';
import { isGenerated, randomAesKey, randomToken } from './random';

describe('random', () => {
  it('a token is 24 characters of [A-Za-z0-9] and is known as generated', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(isGenerated(t)).toBe(true);
  });
  it.each([
    ['typed by a person', 'MySecretPassw0rd!'],
    ['empty', ''],
    ['missing', undefined],
  ])('a value %s is not generated', (_, v) => {
    expect(isGenerated(v)).toBe(false);
  });
  it('an AES key is 32 hex characters', () => {
    expect(randomAesKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
