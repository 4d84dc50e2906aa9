import type { EcosystemSupport } from '../types';
import { remoteSources } from './registry';
import { cargoTomlFormat } from './cargoToml';
import { CrateResolver } from './crateResolver';
import { RegistryCacheLicenses, VendoredCrateLicenses, WorkspaceCrateLicenses } from './localLicenses';

export const cargoSupport: EcosystemSupport = {
  ecosystem: 'cargo',
  formats: [cargoTomlFormat],
  localSources: ({ environment }) => {
    // One resolver, so the sources share their parsed Cargo.lock and Cargo.toml files.
    const crates = new CrateResolver();
    return [new VendoredCrateLicenses(crates), new RegistryCacheLicenses(crates, environment), new WorkspaceCrateLicenses(crates)];
  },
  remoteSources: (context) => remoteSources(context),
};
