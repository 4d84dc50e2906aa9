/**
 * A small reader for SPDX 2.3 tag-value documents, enough to read back what we write:
 * `Tag: value` lines, `<text>…</text>` values over several lines, `#` comments.
 * It rebuilds the JSON shape so the two exports can be compared field by field.
 */
export function parseTagValue(text: string): Record<string, unknown> {
  const doc: Record<string, unknown> = { creationInfo: { creators: [] as string[] }, packages: [], relationships: [] };
  const packages = doc.packages as Array<Record<string, unknown>>;
  const relationships = doc.relationships as Array<Record<string, unknown>>;
  const extracted: Array<Record<string, unknown>> = [];
  let current: Record<string, unknown> | undefined;
  for (const { tag, value } of pairs(text)) {
    switch (tag) {
      case 'SPDXVersion': doc.spdxVersion = value; break;
      case 'DataLicense': doc.dataLicense = value; break;
      case 'DocumentName': doc.name = value; break;
      case 'DocumentNamespace': doc.documentNamespace = value; break;
      case 'Creator': ((doc.creationInfo as { creators: string[] }).creators).push(value); break;
      case 'Created': (doc.creationInfo as Record<string, unknown>).created = value; break;
      case 'SPDXID':
        if (current) current.SPDXID = value;
        else doc.SPDXID = value;
        break;
      case 'PackageName': current = { name: value }; packages.push(current); break;
      case 'PackageVersion': need(current, tag).versionInfo = value; break;
      case 'PackageDownloadLocation': need(current, tag).downloadLocation = value; break;
      case 'FilesAnalyzed': need(current, tag).filesAnalyzed = value === 'true'; break;
      case 'PackageLicenseConcluded': need(current, tag).licenseConcluded = value; break;
      case 'PackageLicenseDeclared': need(current, tag).licenseDeclared = value; break;
      case 'PackageLicenseComments': need(current, tag).licenseComments = value; break;
      case 'PackageCopyrightText': need(current, tag).copyrightText = value; break;
      case 'PackageComment': need(current, tag).comment = value; break;
      case 'PrimaryPackagePurpose': need(current, tag).primaryPackagePurpose = value; break;
      case 'ExternalRef': {
        const [referenceCategory, referenceType, referenceLocator] = value.split(/\s+/);
        const p = need(current, tag);
        p.externalRefs = [...((p.externalRefs as unknown[]) ?? []), { referenceCategory, referenceType, referenceLocator }];
        break;
      }
      case 'Relationship': {
        const [spdxElementId, relationshipType, relatedSpdxElement] = value.split(/\s+/);
        relationships.push({ spdxElementId, relationshipType, relatedSpdxElement });
        break;
      }
      case 'LicenseID': current = undefined; extracted.push({ licenseId: value }); break;
      case 'ExtractedText': (extracted.at(-1) as Record<string, unknown>).extractedText = value; break;
      case 'LicenseName': (extracted.at(-1) as Record<string, unknown>).name = value; break;
      case 'LicenseComment': (extracted.at(-1) as Record<string, unknown>).comment = value; break;
      default: throw new Error(`unexpected tag ${tag}`);
    }
  }
  if (extracted.length > 0) doc.hasExtractedLicensingInfos = extracted;
  return doc;
}

function need(current: Record<string, unknown> | undefined, tag: string): Record<string, unknown> {
  if (!current) throw new Error(`${tag} outside a package`);
  return current;
}

function* pairs(text: string): Generator<{ tag: string; value: string }> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z]+):\s?(.*)$/.exec(line);
    if (!match) throw new Error(`line ${i + 1} is not "Tag: value": ${line}`);
    let value = match[2];
    if (value.startsWith('<text>')) {
      const parts = [value.slice('<text>'.length)];
      while (!parts.at(-1)?.endsWith('</text>')) {
        i++;
        if (i >= lines.length) throw new Error('unterminated <text>');
        parts.push(lines[i]);
      }
      value = parts.join('\n').slice(0, -'</text>'.length);
    }
    yield { tag: match[1], value };
  }
}
