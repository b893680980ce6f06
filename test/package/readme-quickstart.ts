// Takes the README's Quick start program out of the README, so the package test checks the text users copy.

/** Thrown when the README has no `## Quick start` section or no ```ts block in it. */
export class QuickStartNotFoundError extends Error {
  readonly code = 'QUICK_START_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'QuickStartNotFoundError';
  }
}

const HEADING = '## Quick start';

/** The first ```ts block under the README's `## Quick start` heading (before the next `## ` heading), verbatim. */
export function quickStartFrom(readme: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === HEADING);
  if (start < 0) throw new QuickStartNotFoundError(`no "${HEADING}" heading in the README`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const section = lines.slice(start + 1, end < 0 ? lines.length : end);
  const open = section.findIndex((l) => l.trimEnd() === '```ts');
  const close = section.findIndex((l, i) => i > open && l.trimEnd() === '```');
  if (open < 0 || close < 0) throw new QuickStartNotFoundError(`no complete \`\`\`ts block under "${HEADING}"`);
  return section.slice(open + 1, close).join('\n') + '\n';
}
