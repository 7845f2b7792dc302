import { describe, expect, it } from 'vitest';
import {
  importedModules,
  installedPackageNames,
  markdownCodeBlocks,
  packageOfSpecifier,
} from './markdown-code-blocks.js';

const fence = '```';

describe('markdownCodeBlocks', () => {
  it('gives each block its role, line, heading and code (list indentation removed)', () => {
    const markdown = [
      '# Title',
      '## Usage',
      `${fence}ts`,
      "console.log('a');",
      fence,
      '1. Step',
      '',
      `   ${fence}sh`,
      '   npm install @codex/api',
      `   ${fence}`,
      `${fence}text`,
      'output',
      fence,
      `${fence}ts no-run: a fragment of a larger program`,
      'x;',
      fence,
      fence,
      'diagram',
      fence,
    ].join('\n');
    const blocks = markdownCodeBlocks(markdown);
    expect(blocks.map((block) => [block.role, block.line, block.heading])).toEqual([
      ['typescript', 3, 'Usage'],
      ['shell', 8, 'Usage'],
      ['other', 11, 'Usage'],
      ['no-run', 14, 'Usage'],
      ['other', 17, 'Usage'],
    ]);
    expect(blocks[0]?.code).toBe("console.log('a');\n");
    expect(blocks[1]?.code).toBe('npm install @codex/api\n');
    expect(blocks[3]?.reason).toBe('a fragment of a larger program');
  });

  it('refuses a no-run marker without a reason and an unterminated block', () => {
    expect(() => markdownCodeBlocks(`${fence}ts no-run\nx\n${fence}\n`)).toThrow(/needs a reason/);
    expect(() => markdownCodeBlocks(`${fence}ts\nx\n`)).toThrow(/unterminated/);
  });
});

it('installedPackageNames reads npm, pnpm and yarn install lines', () => {
  expect(
    installedPackageNames(
      [
        'npm install @codex/api @codex/provider-bedrock',
        'pnpm --filter <your-package> add -D @codex/testkit@workspace:*',
        'npm i zod@4 && pnpm demo',
        'pnpm install',
      ].join('\n'),
    ),
  ).toEqual(['@codex/api', '@codex/provider-bedrock', '@codex/testkit', 'zod']);
});

it('importedModules and packageOfSpecifier name the packages a program imports', () => {
  const code = [
    "import { a } from '@codex/api';",
    "import type { B } from '@codex/protocol/schemas';",
    "import 'side-effect';",
    "const c = await import('node:fs');",
    "export { d } from './local.js';",
  ].join('\n');
  expect(importedModules(code).map(packageOfSpecifier)).toEqual([
    '@codex/api',
    '@codex/protocol',
    undefined,
    'side-effect',
    undefined,
  ]);
});
