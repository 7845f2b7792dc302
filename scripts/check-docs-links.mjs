// Checks the generated API reference (docs/api) for broken links: every relative `href` and `src`
// of every HTML page must name a file that exists, and every `#fragment` into a generated page
// an element id of that page. TypeDoc itself fails on unresolvable `{@link}`s (validation, with
// warnings as errors); this covers what it writes around them. Run by `pnpm run docs`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', 'docs', 'api');
if (!existsSync(join(root, 'index.html'))) {
  console.error('check-docs-links: docs/api/index.html is missing: run typedoc first');
  process.exit(1);
}

const pages = walk(root).filter((file) => file.endsWith('.html'));
const ids = new Map();
const broken = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
    const target = decodeEntities(match[1]);
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(target)) continue; // http:, https:, mailto:, data:
    checked += 1;
    const [path, fragment] = target.split('#', 2);
    const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
    if (!existsSync(file)) {
      broken.push(`${relative(root, page)}: ${target} (no such file)`);
      continue;
    }
    if (fragment !== undefined && fragment !== '' && file.endsWith('.html')) {
      if (!idsOf(file).has(decodeURIComponent(fragment))) {
        broken.push(`${relative(root, page)}: ${target} (no element with that id)`);
      }
    }
  }
}
if (broken.length > 0) {
  console.error(`check-docs-links: ${broken.length} broken link(s):`);
  for (const line of broken.slice(0, 50)) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`check-docs-links: ${checked} links in ${pages.length} pages, none broken`);

function idsOf(file) {
  let found = ids.get(file);
  if (found === undefined) {
    const html = readFileSync(file, 'utf8');
    found = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((match) => match[1]));
    ids.set(file, found);
  }
  return found;
}

function decodeEntities(text) {
  return text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

function walk(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
