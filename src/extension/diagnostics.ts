import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import { toRange } from './convert';

export const DIAGNOSTIC_SOURCE = 'OSPO Lens';

/** The command a diagnostic's code links to: it opens the guide section for the rule. */
export const SHOW_RULE_COMMAND = 'ospoLens.showRule';

/** A result as the Problems panel shows it, or undefined when there is nothing to say. */
export function toDiagnostic(result: DependencyResult): vscode.Diagnostic | undefined {
  if (result.pending) return undefined; // no verdict until the registry has answered
  if (result.ignored) return undefined; // `ospo-lens: ignore` on its line
  const severity =
    result.verdict === 'deny'
      ? vscode.DiagnosticSeverity.Error
      : result.verdict === 'review'
        ? vscode.DiagnosticSeverity.Warning
        : result.note
          ? vscode.DiagnosticSeverity.Information
          : undefined;
  if (severity === undefined) return undefined;

  const diagnostic = new vscode.Diagnostic(toRange(result.range), diagnosticMessage(result), severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  if (result.via) {
    // A transitive dependency's problem sits on the direct dependency that pulls it in.
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(result.manifest), toRange(result.range)),
        `${[...result.via, result.name].join(' → ')} (${result.name} ${result.version ?? ''} is locked in the lockfile)`,
      ),
    ];
  }
  diagnostic.code = {
    value: result.rule,
    target: vscode.Uri.parse(`command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([result.rule]))}`),
  };
  return diagnostic;
}

export function diagnosticMessage(result: DependencyResult): string {
  const own = ownMessage(result);
  if (!result.via) return own;
  return `${result.via[0]} pulls in ${result.name}@${result.version ?? result.requested} (via ${[...result.via, result.name].join(' → ')}). ${own}`;
}

function ownMessage(result: DependencyResult): string {
  const license = result.license.expression ?? result.license.declared;
  if (result.verdict === 'allow') {
    return `${result.name}: license ${license} is allowed here. ${capitalise(result.note ?? result.reason)}.`;
  }
  const headline = !result.license.expression
    ? `license ${license ? `"${license}" ` : ''}unknown, ${result.verdict === 'deny' ? 'not allowed' : 'needs OSPO review'}`
    : result.verdict === 'deny'
      ? `license ${license} is not allowed by the OSPO policy`
      : `license ${license} needs OSPO review`;
  return `${result.name}: ${headline}. ${capitalise(result.reason)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
