/** What the README runner does with a fenced code block, decided by its info string. */
export type CodeBlockRole =
  /** TypeScript (`ts`, `typescript`): type-checked, then run. */
  | 'typescript'
  /** JavaScript (`js`, `javascript`, `mjs`): run. */
  | 'javascript'
  /** Shell commands (`sh`, `bash`, `shell`): the packages they install are checked, not run. */
  | 'shell'
  /** Marked `<language> no-run: <reason>`: shown only, with the reason given. */
  | 'no-run'
  /** Not a program: output samples (`text`), configuration files (`ini`), diagrams (no language). */
  | 'other';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The first word of the info string (`ts`, `sh`, …); `''` when there is none. */
  readonly language: string;
  /** The whole info string after the opening fence, trimmed. */
  readonly info: string;
  readonly role: CodeBlockRole;
  /** For a `no-run` block, why it is not run. */
  readonly reason?: string;
  /** The block's text, without the fences (and without a list item's indentation). */
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above the block (`''` before the first heading). */
  readonly heading: string;
}

const ROLES: Readonly<Record<string, CodeBlockRole>> = {
  ts: 'typescript',
  typescript: 'typescript',
  js: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
};

/**
 * The fenced code blocks of a Markdown text, each with the role the README runner gives it.
 * A block is excluded from running only by an explicit marker in its info string,
 * `ts no-run: <reason>`; a marker without a reason is an error.
 *
 * @throws Error for an unterminated fence or a `no-run` marker without a reason.
 */
export function markdownCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let heading = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const headingMatch = /^#{1,6}\s+(.*)$/.exec(line);
    if (headingMatch !== null) {
      heading = (headingMatch[1] ?? '').trim();
      continue;
    }
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
    if (open === null) continue;
    const indent = open[1] ?? '';
    const fence = open[2] ?? '```';
    const info = (open[3] ?? '').trim();
    const body: string[] = [];
    const openingLine = index + 1;
    let closed = false;
    for (index++; index < lines.length; index++) {
      const inner = lines[index] ?? '';
      if (isClosingFence(inner.trim(), fence)) {
        closed = true;
        break;
      }
      body.push(inner.startsWith(indent) ? inner.slice(indent.length) : inner.trimStart());
    }
    if (!closed) throw new Error(`line ${openingLine}: unterminated code block`);
    const language = (info.split(/\s+/)[0] ?? '').toLowerCase();
    const rest = info.slice(language.length).trim();
    let role: CodeBlockRole = ROLES[language] ?? 'other';
    let reason: string | undefined;
    if (rest.startsWith('no-run')) {
      reason = rest
        .slice('no-run'.length)
        .replace(/^[\s:—-]+/, '')
        .trim();
      if (reason === '') {
        throw new Error(
          `line ${openingLine}: \`${info}\` needs a reason: \`${language} no-run: …\``,
        );
      }
      role = 'no-run';
    }
    blocks.push({
      language,
      info,
      role,
      ...(reason === undefined ? {} : { reason }),
      code: `${body.join('\n')}\n`,
      line: openingLine,
      heading,
    });
  }
  return blocks;
}

/** A line of only the opening fence's character, at least as many as the opening fence. */
function isClosingFence(trimmed: string, fence: string): boolean {
  const character = fence[0] ?? '`';
  return (
    trimmed.length >= fence.length && [...trimmed].every((candidate) => candidate === character)
  );
}

/**
 * The package names a shell block installs: the arguments of `npm install` / `npm i` /
 * `pnpm add` / `yarn add` lines (flags, and a `@version` or `@workspace:*` suffix, left out).
 */
export function installedPackageNames(shellCode: string): string[] {
  const names: string[] = [];
  for (const line of shellCode.split('\n')) {
    const command =
      /(?:^|&&|;)\s*(?:npm\s+(?:install|i)|pnpm(?:\s+--filter\s+\S+)?\s+add|yarn\s+add)\s+([^&;#]*)/.exec(
        line,
      );
    if (command === null) continue;
    for (const word of (command[1] ?? '').trim().split(/\s+/)) {
      if (word === '' || word.startsWith('-')) continue;
      names.push(word.replace(/^(@?[^@]+)@.*$/, '$1'));
    }
  }
  return names;
}

/**
 * The module specifiers a program imports: static `import … from '…'`, `export … from '…'`,
 * side-effect `import '…'`, and literal `import('…')` / `require('…')`.
 */
export function importedModules(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) found.add(match[1] ?? '');
  }
  return [...found];
}

/** The package a module specifier names (`@scope/name` or `name`), or `undefined` for `node:…` and relative ones. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
