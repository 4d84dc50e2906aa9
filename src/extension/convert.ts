import * as vscode from 'vscode';
import type { Position, Range } from '../core/model';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function contains(range: Range, position: vscode.Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

function before(a: Position | vscode.Position, b: Position | vscode.Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
