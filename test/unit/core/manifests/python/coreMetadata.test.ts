import * as assert from 'node:assert/strict';
import { parseMetadataHeaders, parseMetadataLicense } from '../../../../../src/core/manifests/python/coreMetadata';

describe('Python core metadata (METADATA, PKG-INFO)', () => {
  it('prefers License-Expression over License', () => {
    const metadata = parseMetadataLicense('Metadata-Version: 2.4\nName: x\nVersion: 1.0\nLicense: MIT License\nLicense-Expression: MIT OR Apache-2.0\n');
    assert.equal(metadata.declared, 'MIT OR Apache-2.0');
    assert.equal(metadata.version, '1.0');
  });

  it('uses a short License field', () => {
    assert.equal(parseMetadataLicense('Name: x\nLicense: BSD-3-Clause\n').declared, 'BSD-3-Clause');
  });

  it('ignores License: UNKNOWN', () => {
    assert.equal(parseMetadataLicense('Name: x\nLicense: UNKNOWN\n').declared, undefined);
  });

  it('ignores a License field holding the whole license text', () => {
    const text = 'Name: x\nLicense: Copyright (c) 2010 Someone\n        \n        Permission is hereby granted, free of charge, to any person\nVersion: 2\n';
    const metadata = parseMetadataLicense(text);
    assert.equal(metadata.declared, undefined);
    assert.equal(metadata.version, '2');
  });

  it('ignores a single-line License longer than a name', () => {
    assert.equal(parseMetadataLicense(`Name: x\nLicense: ${'Permission is hereby granted '.repeat(5)}\n`).declared, undefined);
  });

  it('returns the license classifiers and license files, in order', () => {
    const metadata = parseMetadataLicense(
      'Name: x\nClassifier: Programming Language :: Python\nClassifier: License :: OSI Approved :: BSD License\nLicense-File: LICENSE\nLicense-File: NOTICE\n',
    );
    assert.deepEqual(metadata.classifiers, ['License :: OSI Approved :: BSD License']);
    assert.deepEqual(metadata.licenseFiles, ['LICENSE', 'NOTICE']);
  });

  it('stops at the blank line before the long description', () => {
    const metadata = parseMetadataLicense('Name: x\nVersion: 1\n\nLicense: GPL-3.0-only\nClassifier: License :: OSI Approved :: MIT License\n');
    assert.equal(metadata.declared, undefined);
    assert.deepEqual(metadata.classifiers, []);
  });

  it('joins continuation lines to their header', () => {
    assert.deepEqual(parseMetadataHeaders('Description: first\n        second\n\tthird\nName: y\n').get('description'), ['first\nsecond\nthird']);
  });

  it('reads CRLF files and a byte-order mark', () => {
    const metadata = parseMetadataLicense('\uFEFFName: x\r\nVersion: 3.0\r\nLicense-Expression: ISC\r\n\r\nbody');
    assert.equal(metadata.declared, 'ISC');
    assert.equal(metadata.name, 'x');
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', ':', '\n\n', ' continuation first', 'License', '\u0000:\uffff', 'A: b\n'.repeat(10000)]) {
      assert.doesNotThrow(() => parseMetadataLicense(text));
    }
  });
});
