import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/text';

describe('LineIndex', () => {
  it('places an offset between the \\r and \\n of a line break at the end of its line, never past it', () => {
    // Found by fuzzing: an unclosed string on a CRLF line gave an error range ending at
    // character 2 of the one-character line `"`.
    const lines = new LineIndex('"\r\nnext');
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 1 });
  });

  it('counts \\n, \\r\\n and \\r each as one line break', () => {
    const lines = new LineIndex('a\nb\r\nc\rd');
    assert.deepEqual([0, 2, 5, 7].map((offset) => lines.positionAt(offset)), [
      { line: 0, character: 0 },
      { line: 1, character: 0 },
      { line: 2, character: 0 },
      { line: 3, character: 0 },
    ]);
  });
});
