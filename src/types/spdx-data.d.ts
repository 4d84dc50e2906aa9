// The SPDX data packages ship JSON without type declarations.
declare module 'spdx-license-ids' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-license-ids/deprecated.json' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-exceptions' {
  const ids: string[];
  export = ids;
}
