import { compatibility } from '../licenses/knowledge';
import { normalizeLicense } from '../licenses/normalize';
import { licenseLeaves, parseSpdxExpression, type LicenseNode } from '../licenses/spdx';
import { DEVELOPMENT_ONLY_SCOPES, type Scope } from '../model';

export interface Incompatibility {
  /** The dependency's license that cannot go into the project. */
  readonly dependencyLicense: string;
  /** The project's license it conflicts with. */
  readonly projectLicense: string;
}

/**
 * Whether a shipped dependency's license can be combined with the project's own
 * license, by the OSADL compatibility matrix. Only a definite "no" counts: an
 * unknown pair or one OSADL says to check is left to the category verdicts. A
 * project offered under several licenses (OR) conflicts only if every one does.
 */
export function findIncompatibility(projectDeclared: string | undefined, dependencyExpression: string | undefined, scope: Scope): Incompatibility | undefined {
  if (!projectDeclared || !dependencyExpression || DEVELOPMENT_ONLY_SCOPES.includes(scope)) return undefined;
  const project = normalizeLicense(projectDeclared).node;
  const dependency = parseSpdxExpression(dependencyExpression);
  if (!project || !dependency) return undefined;
  const projectChoices = orBranches(project).map((branch) => licenseLeaves(branch).map((l) => l.id));
  const dependencyIds = licenseLeaves(dependency).map((l) => l.id);

  let first: Incompatibility | undefined;
  for (const choice of projectChoices) {
    const conflict = choice.flatMap((outbound) => dependencyIds.filter((inbound) => compatibility(outbound, inbound) === 'no').map((inbound) => ({ outbound, inbound })))[0];
    if (!conflict) return undefined; // this way of licensing the project works
    first ??= { dependencyLicense: conflict.inbound, projectLicense: conflict.outbound };
  }
  return first;
}

function orBranches(node: LicenseNode): LicenseNode[] {
  return node.kind === 'or' ? [...orBranches(node.left), ...orBranches(node.right)] : [node];
}
