import { describe, expect, it } from 'vitest';
import { attachmentName } from './download';

describe('attachmentName', () => {
  it.each([
    [
      'attachment; filename="support-bundle-lr-20261201T231500Z.tar.gz"',
      'support-bundle-lr-20261201T231500Z.tar.gz',
    ],
    [null, 'fallback.tar.gz'],
    ['attachment', 'fallback.tar.gz'],
    ['attachment; filename=""', 'fallback.tar.gz'],
    ['attachment; filename="unclosed', 'fallback.tar.gz'],
    ['attachment; filename="../../etc/passwd"', 'fallback.tar.gz'],
    ['attachment; filename="a\\b"', 'fallback.tar.gz'],
  ])('%s → %s', (header, want) => {
    expect(attachmentName(header, 'fallback.tar.gz')).toBe(want);
  });
});
