import { describe, expect, it } from 'vitest';
import { reasoningSchema } from '../schemas/reasoning-schema.js';
import { textControlsSchema } from '../schemas/text-controls-schema.js';
import { createTextControls } from './text-controls.js';

describe('createTextControls (codex-api §1.2)', () => {
  it('is undefined without verbosity and schema', () => {
    expect(createTextControls({ outputSchemaStrict: true })).toBeUndefined();
  });

  it('names a schema codex_output_schema', () => {
    const schema = { type: 'object' };
    expect(
      createTextControls({ verbosity: 'low', outputSchema: schema, outputSchemaStrict: false }),
    ).toStrictEqual({
      verbosity: 'low',
      format: { type: 'json_schema', strict: false, schema, name: 'codex_output_schema' },
    });
    expect(createTextControls({ verbosity: 'high', outputSchemaStrict: true })).toStrictEqual({
      verbosity: 'high',
    });
  });

  it('the schemas accept the request shapes and reject wrong values', () => {
    expect(textControlsSchema.safeParse({ verbosity: 'medium' }).success).toBe(true);
    expect(textControlsSchema.safeParse({ verbosity: 'loud' }).success).toBe(false);
    expect(reasoningSchema.safeParse({ effort: 'xhigh', summary: 'auto' }).success).toBe(true);
    expect(reasoningSchema.safeParse({ effort: 'max' }).success).toBe(false);
  });
});
