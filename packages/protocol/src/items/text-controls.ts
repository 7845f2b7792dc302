/** Output verbosity requested from the model. */
export type Verbosity = 'low' | 'medium' | 'high';

/** A structured-output format: the model must answer with JSON matching `schema`. */
export interface TextFormat {
  type: 'json_schema';
  strict: boolean;
  schema: unknown;
  name: string;
}

/** The `text` object of a Responses request body; each key is omitted when absent. */
export interface TextControls {
  verbosity?: Verbosity;
  format?: TextFormat;
}

/** Named arguments of {@link createTextControls}. */
export interface CreateTextControlsOptions {
  verbosity?: Verbosity | undefined;
  /** A JSON schema the final answer must match. */
  outputSchema?: unknown;
  /** Whether the schema is enforced strictly. */
  outputSchemaStrict: boolean;
}

/**
 * Builds the request's `text` controls the way Codex does: `undefined` when there is neither a
 * verbosity nor an output schema; a schema becomes a `json_schema` format named
 * `codex_output_schema`.
 *
 * @example
 * createTextControls({ verbosity: 'low', outputSchemaStrict: true }); // { verbosity: 'low' }
 */
export function createTextControls(options: CreateTextControlsOptions): TextControls | undefined {
  const { verbosity, outputSchema, outputSchemaStrict } = options;
  if (verbosity === undefined && outputSchema === undefined) return undefined;
  const controls: TextControls = {};
  if (verbosity !== undefined) controls.verbosity = verbosity;
  if (outputSchema !== undefined) {
    controls.format = {
      type: 'json_schema',
      strict: outputSchemaStrict,
      schema: outputSchema,
      name: 'codex_output_schema',
    };
  }
  return controls;
}
