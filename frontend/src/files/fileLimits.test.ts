import { describe, expect, it } from 'vitest';
import { checkFiles, formatBytes, isAccepted } from './fileLimits';

function file(name: string, size: number, type = ''): File {
  return new File([new Uint8Array(size)], name, { type });
}

describe('checkFiles', () => {
  const limits = { maxBytes: 1000, maxFiles: 2, accept: ['image/*', '.csv', 'application/pdf'] };

  it('accepts files within every limit', () => {
    const result = checkFiles([file('a.png', 10, 'image/png'), file('b.csv', 10)], 0, limits);
    expect(result.accepted.map((f) => f.name)).toEqual(['a.png', 'b.csv']);
    expect(result.rejected).toEqual([]);
  });

  it('refuses files that are too large, of the wrong type, or too many', () => {
    const result = checkFiles(
      [file('big.png', 2000, 'image/png'), file('x.exe', 10, 'application/x-msdownload'), file('c.pdf', 10, 'application/pdf'), file('d.png', 10, 'image/png')],
      1,
      limits,
    );
    expect(result.accepted.map((f) => f.name)).toEqual(['c.pdf']);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'big.png is larger than 1000 B.',
      'x.exe is not an accepted file type (image/*, .csv, application/pdf).',
      'At most 2 files can be attached.',
    ]);
  });

  it('accepts any type when the list is empty', () => {
    expect(isAccepted(file('a.bin', 1, 'application/octet-stream'), [])).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses readable units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});
