import licenseData = require('./generated/license-data.json');
import { CATEGORY_TEXT, type Category, type Obligation } from './categories';

/**
 * The license knowledge base. Its data is generated at build time by
 * scripts/generate-license-data.js from data packages (SPDX, Blue Oak Council,
 * choosealicense.com), committed source extracts (Google licenseclassifier,
 * OSADL, SPDX FSF flags) and our own data/license-curation.json, so it covers
 * every SPDX id; THIRD-PARTY-NOTICES.md credits the sources.
 */

/** A source that can decide a category (see data/license-curation.json for their order). */
export type KnowledgeSource = 'curation' | 'google' | 'blue-oak' | 'choosealicense';

/** Google licenseclassifier's license types. */
export type GoogleCategory = 'restricted' | 'reciprocal' | 'notice' | 'permissive' | 'unencumbered' | 'by_exception_only' | 'forbidden';

/** Blue Oak Council's ratings of permissive licenses, best first. */
export type BlueOakRating = 'Model' | 'Gold' | 'Silver' | 'Bronze' | 'Lead';

/** What we know about one license id. */
export interface LicenseInfo {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly osiApproved: boolean;
  readonly obligations: readonly Obligation[];
  /** False when no source and no curation categorises the id (it is then "other"). */
  readonly known: boolean;
  /** The Free Software Foundation lists it as a free license (as recorded on the SPDX list). */
  readonly fsfLibre: boolean;
  /** SPDX has deprecated the id. */
  readonly deprecated: boolean;
  /** For a deprecated id: the id that replaces it, when there is exactly one. */
  readonly replacedBy?: string;
  /** False for ids that are not on the SPDX list (LicenseRef-…, Commons-Clause, typos). */
  readonly spdx: boolean;
  /** The sources that gave this category, the deciding one first; empty when none did. */
  readonly categorySources: readonly KnowledgeSource[];
  readonly googleCategory?: GoogleCategory;
  readonly blueOakRating?: BlueOakRating;
  /** A caveat worth showing next to the category (an advertising clause, "written for content"). */
  readonly note?: string;
}

/** May code under one license be used in a project under another (OSADL's answer). */
export type Compatibility = 'yes' | 'no' | 'check' | 'unknown';

/** The shape scripts/generate-license-data.js writes. */
interface LicenseData {
  readonly schema: 1;
  readonly defaultObligations: Readonly<Record<Category, readonly Obligation[]>>;
  readonly licenses: Readonly<Record<string, LicenseEntry>>;
  readonly compatibility: {
    readonly inbound: readonly string[];
    /** One letter per inbound license: Y(es), N(o), C(heck dependency), U(nknown), S(ame). */
    readonly outbound: Readonly<Record<string, string>>;
  };
}

interface LicenseEntry {
  readonly category: Category;
  readonly name?: string;
  readonly osi?: true;
  readonly fsf?: true;
  readonly deprecated?: true;
  readonly replacedBy?: string;
  readonly spdx?: false;
  /** Left out when equal to the category's default obligations. */
  readonly obligations?: readonly Obligation[];
  readonly from?: readonly KnowledgeSource[];
  readonly google?: GoogleCategory;
  readonly blueOak?: BlueOakRating;
  readonly note?: string;
}

// The JSON's inferred type widens the unions above to string; the generator checks every
// category and obligation against categories.ts and the unit tests check them again.
const DATA = licenseData as unknown as LicenseData;

/** Every listed id described once, up front: the data is small and lookups then stay pure. */
const LISTED: ReadonlyMap<string, LicenseInfo> = new Map(
  Object.entries(DATA.licenses).map(([id, entry]) => [id, fromEntry(id, entry)]),
);

// Maps rather than the JSON objects, so an id such as "constructor" cannot reach Object.prototype.
const OUTBOUND_ROW: ReadonlyMap<string, string> = new Map(Object.entries(DATA.compatibility.outbound));
const INBOUND_COLUMN: ReadonlyMap<string, number> = new Map(DATA.compatibility.inbound.map((id, column) => [id, column]));

/**
 * Exceptions that allow linking without the whole work becoming copyleft, so a
 * GPL license WITH one of them is treated as weak copyleft.
 */
const LINKING_EXCEPTIONS = new Set([
  'Classpath-exception-2.0',
  'LLVM-exception',
  'GCC-exception-2.0',
  'GCC-exception-3.1',
  'Autoconf-exception-2.0',
  'Autoconf-exception-3.0',
  'Bison-exception-2.2',
  'Font-exception-2.0',
  'Libtool-exception',
  'Linux-syscall-note',
  'OpenJDK-assembly-exception-1.0',
  'Universal-FOSS-exception-1.0',
  'GPL-3.0-linking-exception',
  'GPL-3.0-linking-source-exception',
  'LGPL-3.0-linking-exception',
  'Qt-GPL-exception-1.0',
]);

/** Knowledge about an SPDX id (or a LicenseRef), never undefined: unknown ids are "other". */
export function describeLicense(id: string): LicenseInfo {
  return LISTED.get(id) ?? WELL_KNOWN_REFS.get(id) ?? unlisted(id);
}

/**
 * LicenseRefs the normaliser writes for terms that have no SPDX id but whose
 * meaning is clear: the Commons Clause restricts selling (source-available);
 * "or commercial" offers a paid proprietary license.
 */
const WELL_KNOWN_REFS = new Map<string, LicenseInfo>([
  ['LicenseRef-Commons-Clause', { ...(LISTED.get('Commons-Clause') ?? unlisted('Commons-Clause')), id: 'LicenseRef-Commons-Clause', name: 'Commons Clause License Condition v1.0', spdx: false }],
  [
    'LicenseRef-Commercial',
    { ...unlisted('LicenseRef-Commercial'), name: 'a commercial (proprietary) license', category: 'proprietary', obligations: DATA.defaultObligations.proprietary, known: true },
  ],
]);

/** The category a license takes once an exception (`WITH …`) is applied. */
export function categoryWithException(category: Category, exception: string | undefined): Category {
  if (exception && LINKING_EXCEPTIONS.has(exception) && category === 'strong-copyleft') {
    return 'weak-copyleft';
  }
  return category;
}

export function isLinkingException(exception: string): boolean {
  return LINKING_EXCEPTIONS.has(exception);
}

export function categoryLabel(category: Category): string {
  return CATEGORY_TEXT[category].label;
}

/**
 * May code under `inbound` be used in a project distributed under `outbound`? The answer is
 * the OSADL compatibility matrix's (outbound is its "leading" license): 'check' where OSADL
 * says it depends (typically on how the code is combined or on an "or later" clause), and
 * 'unknown' where OSADL has no answer or either license is outside the rows we carry (the
 * common permissive and copyleft licenses). Deprecated GNU ids are read as their -only form;
 * an inbound license with an exception is looked up as written ("GPL-2.0-only WITH
 * Classpath-exception-2.0" is a column of its own).
 */
export function compatibility(outbound: string, inbound: string): Compatibility {
  const leading = current(outbound);
  const included = current(inbound);
  if (leading === included) return 'yes';
  const row = OUTBOUND_ROW.get(leading);
  const column = INBOUND_COLUMN.get(included);
  if (row === undefined || column === undefined) return 'unknown';
  switch (row.charAt(column)) {
    case 'Y':
    case 'S':
      return 'yes';
    case 'N':
      return 'no';
    case 'C':
      return 'check';
    default:
      return 'unknown';
  }
}

function current(id: string): string {
  return LISTED.get(id)?.replacedBy ?? id;
}

function fromEntry(id: string, entry: LicenseEntry): LicenseInfo {
  const categorySources = entry.from ?? [];
  return {
    id,
    name: entry.name ?? id,
    category: entry.category,
    osiApproved: entry.osi === true,
    obligations: entry.obligations ?? DATA.defaultObligations[entry.category],
    known: categorySources.length > 0,
    fsfLibre: entry.fsf === true,
    deprecated: entry.deprecated === true,
    ...(entry.replacedBy !== undefined ? { replacedBy: entry.replacedBy } : {}),
    spdx: entry.spdx !== false,
    categorySources,
    ...(entry.google !== undefined ? { googleCategory: entry.google } : {}),
    ...(entry.blueOak !== undefined ? { blueOakRating: entry.blueOak } : {}),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
}

function unlisted(id: string): LicenseInfo {
  return {
    id,
    name: id.startsWith('LicenseRef-') ? `${id} (a license defined by the package)` : id,
    category: 'other',
    osiApproved: false,
    obligations: DATA.defaultObligations.other,
    known: false,
    fsfLibre: false,
    deprecated: false,
    spdx: false,
    categorySources: [],
  };
}
