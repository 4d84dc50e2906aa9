import * as assert from 'node:assert/strict';
import { packageUrl } from '../../../../src/core/reports/purl';

describe('package URLs', () => {
  it('npm: a scope becomes the namespace, its @ percent-encoded', () => {
    assert.equal(packageUrl('npm', '@acme/billing', '7.0.0'), 'pkg:npm/%40acme/billing@7.0.0');
  });

  it('pypi: the name is normalised as PEP 503 does', () => {
    assert.equal(packageUrl('pypi', 'LGPL_Image..Codec', '3.1.4'), 'pkg:pypi/lgpl-image-codec@3.1.4');
  });

  it('cargo: the crate name as it is', () => {
    assert.equal(packageUrl('cargo', 'serde_derive', '1.0.219'), 'pkg:cargo/serde_derive@1.0.219');
  });

  it('golang: the module path split into namespace and name, lower-cased as the type asks', () => {
    assert.equal(packageUrl('go', 'github.com/Acme/fastjson', 'v1.4.2'), 'pkg:golang/github.com/acme/fastjson@v1.4.2');
  });

  it('maven: group as namespace, artifact as name', () => {
    assert.equal(packageUrl('maven', 'org.apache.commons:commons-lang3', '3.14.0'), 'pkg:maven/org.apache.commons/commons-lang3@3.14.0');
  });

  it('nuget: the package id as it is', () => {
    assert.equal(packageUrl('nuget', 'Widgets.Json', '13.0.3'), 'pkg:nuget/Widgets.Json@13.0.3');
  });

  it('encodes characters that would break the URL, in versions too', () => {
    assert.equal(packageUrl('cargo', 'a b', '1.0.0+build#5'), 'pkg:cargo/a%20b@1.0.0%2Bbuild%235');
  });

  it('leaves the version out when none is resolved', () => {
    assert.equal(packageUrl('npm', 'left-pad', null), 'pkg:npm/left-pad');
  });
});
