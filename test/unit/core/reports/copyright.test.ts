import * as assert from 'node:assert/strict';
import { copyrightLines } from '../../../../src/core/reports/copyright';

describe('copyright lines', () => {
  it('finds the lines that state a copyright, in their order, once each', () => {
    const text = 'MIT License\n\nCopyright (c) 2019 Jane Doe\n(c) 2020 Acme Inc.\n© 2021 Foo\nCopyright (c) 2019 Jane Doe\n\nPermission is hereby granted';
    assert.deepEqual(copyrightLines(text), ['Copyright (c) 2019 Jane Doe', '(c) 2020 Acme Inc.', '© 2021 Foo']);
  });

  it('skips license templates and the sentences of license texts that merely mention copyright', () => {
    const text = [
      'Copyright (c) <year> <copyright holders>',
      'Copyright [yyyy] [name of copyright owner]',
      'The above copyright notice and this permission notice shall be included',
      'copyright notice, this list of conditions and the following disclaimer.',
      'Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>',
      'Copyright (C) 1991, 1999 Free Software Foundation, Inc.',
      '51 Franklin Street, Fifth Floor, Boston, MA  02110-1301  USA',
      '     Copyright (C) year  name of author',
    ].join('\n');
    assert.deepEqual(copyrightLines(text), []);
  });

  it('reads a copyright line written as a source comment', () => {
    assert.deepEqual(copyrightLines(' * Copyright 2018 The Authors\n'), ['Copyright 2018 The Authors']);
  });
});
