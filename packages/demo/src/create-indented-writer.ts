/** Something text can be written to, like `process.stdout`. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Returns a function that writes text to `sink` as it arrives, starting every line with `indent`.
 * Deltas can split lines anywhere, so the writer remembers whether the next character starts a
 * line. Each call writes at once (one `write` per call): streamed text must show as it arrives.
 */
export function createIndentedWriter(
  sink: TextSink,
  indent: string,
  style: (text: string) => string = (text) => text,
): { write(text: string): void; readonly atLineStart: boolean } {
  let atLineStart = true;
  return {
    get atLineStart() {
      return atLineStart;
    },
    write(text: string): void {
      if (text === '') return;
      let out = '';
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        if (index > 0) {
          out += '\n';
          atLineStart = true;
        }
        if (line === '') return;
        if (atLineStart) out += indent;
        out += style(line);
        atLineStart = false;
      });
      sink.write(out);
    },
  };
}
