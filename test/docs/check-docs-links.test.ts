// docs:check on small typedoc-like sites: fails on a dead link or anchor, http or an unknown host, an
// export of ours without a @category, a function page without an example.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/check-docs-links.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kube-record-docs-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes `pages` (path → HTML) as a site and runs the check on it. */
function checkSite(name: string, pages: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const site = join(work, name);
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), html);
  }
  try {
    const stdout = execFileSync('node', ['--import', 'tsx', script, site], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('docs:check', () => {
  it('passes a site whose links all resolve', () => {
    const result = checkSite('clean', {
      'index.html': '<a href="classes/A.html#run">A.run</a> <a href="#top" id="top">top</a> <a href="https://github.com/x/y">repo</a>',
      'classes/A.html': '<link href="../assets/style.css"><h3 id="run">run</h3><h4 id="example">Example</h4><a href="../index.html">home</a>',
      'assets/style.css': '',
    });
    expect(result).toEqual({ code: 0, stdout: 'docs:check: 2 pages, 5 links, 0 problem(s)\n', stderr: '' });
  });

  it('fails on a dead relative link, a missing anchor, http, an unknown host, an uncategorized export and a missing @example', () => {
    const result = checkSite('broken', {
      'index.html':
        '<a href="documents/guide.html">guide</a> <a href="classes/A.html#gone">A.gone</a> <a href="http://events.k8s.io/v1">v1</a>' +
        ' <a href="https://example.com/">x</a> <a href="#nowhere">here</a>',
      'classes/A.html': '<h3 id="run">run</h3><h4 id="example">Example</h4>',
      'modules/m.html':
        '<h2 class="tsd-anchor-link" id="client-node-types">client-node types</h2><dl><dt class="tsd-member-summary" id="corev1event"></dt>' +
        '<dt class="tsd-member-summary" id="eventbroadcaster"></dt></dl><h2 id="recording">Recording</h2><dt class="tsd-member-summary" id="eventrecorder"></dt>',
      'functions/f.html': '<h1>f</h1>',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'docs:check: functions/f.html: no @example',
      'docs:check: index.html: href="documents/guide.html": no such file',
      'docs:check: index.html: href="classes/A.html#gone": no such anchor',
      'docs:check: index.html: href="http://events.k8s.io/v1": not https',
      'docs:check: index.html: href="https://example.com/": unknown host example.com (add it to KNOWN_HOSTS if the link is meant)',
      'docs:check: index.html: href="#nowhere": no such anchor on the page',
      'docs:check: modules/m.html: eventbroadcaster has no @category (typedoc shows it under "client-node types")',
    ]);
    expect(result.stdout).toBe('docs:check: 4 pages, 5 links, 7 problem(s)\n');
  });
});
