// Checks the generated API docs (`npm run docs:check`): no dead link or anchor, external links only https
// to known hosts, every export of ours in a concept category, an @example on every class and function page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Hosts the docs may link to. A link to another host fails the check so it gets a look first (and is
 * added here): typedoc auto-links bare host names such as "events.k8s.io/v1" into http:// links that lead
 * nowhere, which is how 29 dead links once shipped.
 */
const KNOWN_HOSTS = new Set([
  'typedoc.org',
  'github.com',
  'kubernetes.io',
  'pkg.go.dev',
  'www.npmjs.com',
  'nodejs.org',
  'developer.mozilla.org',
  'rxjs.dev',
  'api-extractor.com',
  'keepachangelog.com',
  'semver.org',
]);

/** client-node types the root re-exports (summary anchors are lower-case): they keep client-node's comments. */
const CLIENT_NODE_TYPES = new Set(['corev1event', 'v1objectreference', 'eventsv1event', 'eventsv1eventseries']);

const out = resolve(process.argv[2] ?? 'docs-api');
if (!existsSync(join(out, 'index.html'))) {
  console.error(`docs:check: ${out}/index.html is missing; run typedoc first`);
  process.exit(1);
}

/** Every .html file under `dir`. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

/** file → the id/name attributes on it, read on demand. */
const ids = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (set === undefined) {
    set = new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1] ?? ''));
    ids.set(file, set);
  }
  return set;
}

const problems: string[] = [];
let checked = 0;
const files = htmlFiles(out);
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  const page = relative(out, file);
  for (const [, attr = '', raw = ''] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const link = raw.replaceAll('&amp;', '&');
    checked++;
    if (link === '' || link.startsWith('#')) {
      const anchor = decodeURIComponent(link.slice(1));
      if (anchor !== '' && !anchorsOf(file).has(anchor)) problems.push(`${page}: ${attr}="${raw}": no such anchor on the page`);
      continue;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
    if (scheme !== undefined) {
      if (scheme !== 'https') {
        problems.push(`${page}: ${attr}="${raw}": not https`);
        continue;
      }
      const host = new URL(link).host;
      if (!KNOWN_HOSTS.has(host)) problems.push(`${page}: ${attr}="${raw}": unknown host ${host} (add it to KNOWN_HOSTS if the link is meant)`);
      continue;
    }
    const [path = '', anchor] = link.split('#', 2);
    const target = resolve(dirname(file), decodeURIComponent(path.split('?', 1)[0] ?? ''));
    if (!existsSync(target)) {
      problems.push(`${page}: ${attr}="${raw}": no such file`);
    } else if (anchor !== undefined && anchor !== '' && target.endsWith('.html') && !anchorsOf(target).has(decodeURIComponent(anchor))) {
      problems.push(`${page}: ${attr}="${raw}": no such anchor`);
    }
  }
  // Every class and function a user calls shows how (an @example section on its page).
  if (/^(classes|functions)\//.test(page) && !html.includes('id="example"')) problems.push(`${page}: no @example`);
  // Exports without a @category land in typedoc's default category (typedoc.json `defaultCategory`). Only
  // client-node's own types, which we re-export and cannot tag, may be there: every export of ours has a concept.
  const uncategorized = /<h2[^>]*\sid="client-node-types"[^]*?(?=<h2|<\/section>|$)/.exec(html)?.[0] ?? '';
  for (const [, name = ''] of uncategorized.matchAll(/class="tsd-member-summary" id="([^"]+)"/g)) {
    if (!CLIENT_NODE_TYPES.has(name)) problems.push(`${page}: ${name} has no @category (typedoc shows it under "client-node types")`);
  }
}

for (const p of problems) console.error(`docs:check: ${p}`);
console.log(`docs:check: ${files.length} pages, ${checked} links, ${problems.length} problem(s)`);
process.exit(problems.length > 0 ? 1 : 0);
