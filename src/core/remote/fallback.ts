import type { Ecosystem } from '../model';
import type { LicenseSource } from '../resolution';
import type { RemoteContext } from './context';
import { depsDevLicenses } from './depsDev';

/** The source every ecosystem falls back to after its own registry: deps.dev. */
export function depsDevFallback(ecosystem: Ecosystem, context: RemoteContext): LicenseSource[] {
  return [depsDevLicenses(ecosystem, context)];
}
