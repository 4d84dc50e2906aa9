import type { ReportInput } from './common';
import { csvReport } from './csv';
import { cyclonedxReport } from './cyclonedx';
import { junitReport } from './junit';
import { spdxLicenseTexts, type StandardTextLookup } from './licenseTexts';
import { noticesReport } from './notices';
import { findPackageTexts } from './packageFiles';
import { sarifReport } from './sarif';
import { spdxJsonReport, spdxTagValueReport } from './spdx';

export type { ReportInput, ReportManifest, ToolInfo } from './common';

/** The report formats beside the CLI's own text and JSON. */
export const REPORT_FORMATS = ['sarif', 'junit', 'spdx-json', 'spdx', 'cyclonedx', 'csv', 'notices'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(format: string): format is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(format);
}

/** Formats that carry copyright lines or license texts read from the packages on disk. */
const NEEDS_PACKAGE_FILES: ReadonlySet<ReportFormat> = new Set(['notices', 'spdx-json', 'spdx', 'cyclonedx']);

export interface RenderOptions {
  /** Where standard license texts come from; the spdx-license-list package by default. */
  readonly standardText?: StandardTextLookup;
}

/**
 * Renders one report. The formats themselves are pure functions of `input`; this reads the
 * packages' license and notice files from disk first for the formats that use them.
 */
export async function renderReport(format: ReportFormat, input: ReportInput, options: RenderOptions = {}): Promise<string> {
  const full = NEEDS_PACKAGE_FILES.has(format) && !input.texts ? { ...input, texts: await findPackageTexts(input.manifests, input.root) } : input;
  switch (format) {
    case 'sarif':
      return sarifReport(full);
    case 'junit':
      return junitReport(full);
    case 'spdx-json':
      return spdxJsonReport(full);
    case 'spdx':
      return spdxTagValueReport(full);
    case 'cyclonedx':
      return cyclonedxReport(full);
    case 'csv':
      return csvReport(full);
    case 'notices':
      return noticesReport(full, options.standardText ?? spdxLicenseTexts());
  }
}
