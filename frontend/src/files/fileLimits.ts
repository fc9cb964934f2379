// Checks files against the server's limits before anything is uploaded, so the user learns at
// once why a file was refused instead of waiting for an upload the server will reject anyway.

export interface FileLimits {
  maxBytes: number;
  maxFiles: number;
  /** MIME types ("image/png"), wildcards ("image/*") or extensions (".csv"); empty accepts any. */
  accept: readonly string[];
}

export interface FileCheck {
  accepted: File[];
  rejected: { file: File; reason: string }[];
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function isAccepted(file: File, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase();
  return accept.some((pattern) => {
    const rule = pattern.trim().toLowerCase();
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return mime.startsWith(rule.slice(0, -1));
    return mime === rule;
  });
}

/** Splits `files` into those within the limits and those refused, with a reason a user understands. */
export function checkFiles(files: readonly File[], alreadyAttached: number, limits: FileLimits): FileCheck {
  const result: FileCheck = { accepted: [], rejected: [] };
  for (const file of files) {
    if (alreadyAttached + result.accepted.length >= limits.maxFiles) {
      result.rejected.push({ file, reason: `At most ${limits.maxFiles} file${limits.maxFiles === 1 ? '' : 's'} can be attached.` });
    } else if (file.size > limits.maxBytes) {
      result.rejected.push({ file, reason: `${file.name} is larger than ${formatBytes(limits.maxBytes)}.` });
    } else if (!isAccepted(file, limits.accept)) {
      result.rejected.push({ file, reason: `${file.name} is not an accepted file type (${limits.accept.join(', ')}).` });
    } else {
      result.accepted.push(file);
    }
  }
  return result;
}
