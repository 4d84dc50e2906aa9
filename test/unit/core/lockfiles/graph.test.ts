import * as assert from 'node:assert/strict';
import { walkGraph } from '../../../../src/core/lockfiles/graph';
import type { LockGraph, LockNode } from '../../../../src/core/lockfiles/types';
import { dep } from './helpers';

/** A graph from `name@version` keys (a `#tag` makes two nodes of one package); edges name keys. */
function graph(spec: Record<string, { to?: string[]; weak?: string[]; own?: boolean }>): { graph: LockGraph; id: (key: string) => number } {
  const keys = Object.keys(spec);
  const id = (key: string): number => {
    const index = keys.indexOf(key);
    if (index < 0) throw new Error(`no node ${key}`);
    return index;
  };
  const nodes: LockNode[] = keys.map((key) => {
    const [name, version] = key.split('#')[0].split('@');
    const { to = [], weak, own } = spec[key];
    return { name, version, edges: to.map(id), ...(weak ? { weakEdges: weak.map(id) } : {}), ...(own ? { own } : {}) };
  });
  return { graph: { nodes }, id };
}

function summary(result: ReturnType<typeof walkGraph>, g: LockGraph): string[] {
  return result.map(({ node, via, scope }) => `${g.nodes[node].name}@${g.nodes[node].version} ${scope} [${via.join(' > ')}]`);
}

describe('walking a lockfile graph', () => {
  it('lists what each direct dependency pulls in, with the chain from it', () => {
    const { graph: g, id } = graph({ 'a@1': { to: ['b@1'] }, 'b@1': { to: ['c@1'] }, 'c@1': {} });
    assert.deepEqual(summary(walkGraph(g, [dep('a')], [[id('a@1')]]), g), ['b@1 runtime [a]', 'c@1 runtime [a > b]']);
  });

  it('gives the shortest chain when several lead to a package', () => {
    const { graph: g, id } = graph({ 'a@1': { to: ['b@1', 'x@1'] }, 'b@1': { to: ['c@1'] }, 'c@1': { to: ['x@1'] }, 'x@1': {} });
    const x = walkGraph(g, [dep('a')], [[id('a@1')]]).find((w) => w.node === id('x@1'));
    assert.deepEqual(x?.via, ['a']);
  });

  it('names the root as the manifest does, not as the lockfile does (an npm alias)', () => {
    const { graph: g, id } = graph({ 'string-width@4.2.3': { to: ['strip-ansi@6.0.1'] }, 'strip-ansi@6.0.1': {} });
    const [walked] = walkGraph(g, [dep('string-width-cjs')], [[id('string-width@4.2.3')]]);
    assert.equal(walked.root, 'string-width-cjs');
    assert.deepEqual(walked.via, ['string-width-cjs']);
  });

  it('makes a package reached only through dev dependencies dev', () => {
    const { graph: g, id } = graph({ 'jest@29': { to: ['chalk@4'] }, 'chalk@4': {} });
    assert.deepEqual(summary(walkGraph(g, [dep('jest', 'dev')], [[id('jest@29')]]), g), ['chalk@4 dev [jest]']);
  });

  it('keeps a package runtime when a runtime dependency needs it, however short the dev chain', () => {
    const { graph: g, id } = graph({ 'jest@29': { to: ['chalk@4'] }, 'app-lib@1': { to: ['mid@1'] }, 'mid@1': { to: ['chalk@4'] }, 'chalk@4': {} });
    const direct = [dep('jest', 'dev'), dep('app-lib')];
    const chalk = walkGraph(g, direct, [[id('jest@29')], [id('app-lib@1')]]).find((w) => w.node === id('chalk@4'));
    assert.deepEqual([chalk?.scope, chalk?.via], ['runtime', ['app-lib', 'mid']]);
  });

  it('reports a dev dependency that a runtime dependency also needs, as runtime', () => {
    const { graph: g, id } = graph({ 'express@4': { to: ['debug@2'] }, 'debug@2': {} });
    const walked = walkGraph(g, [dep('express'), dep('debug', 'dev')], [[id('express@4')], [id('debug@2')]]);
    assert.deepEqual(summary(walked, g), ['debug@2 runtime [express]']);
  });

  it('does not report a direct dependency of the same scope again', () => {
    const { graph: g, id } = graph({ 'a@1': { to: ['b@1'] }, 'b@1': {} });
    assert.deepEqual(walkGraph(g, [dep('a'), dep('b')], [[id('a@1')], [id('b@1')]]), []);
  });

  it('reports a name and version once, even when installed in several places', () => {
    const { graph: g, id } = graph({ 'a@1': { to: ['ms@2#a'] }, 'b@1': { to: ['ms@2#b'] }, 'ms@2#a': {}, 'ms@2#b': {} });
    const walked = walkGraph(g, [dep('a'), dep('b')], [[id('a@1')], [id('b@1')]]);
    assert.deepEqual(summary(walked, g), ['ms@2 runtime [a]']);
  });

  it("walks through the project's own packages without reporting them", () => {
    const { graph: g, id } = graph({ 'ui@0': { own: true, to: ['clsx@2'] }, 'clsx@2': {} });
    assert.deepEqual(summary(walkGraph(g, [dep('@acme/ui')], [[id('ui@0')]]), g), ['clsx@2 runtime [@acme/ui]']);
  });

  it('puts own packages in the chain of what they pull in', () => {
    const { graph: g, id } = graph({ 'app@1': { to: ['ui@0'] }, 'ui@0': { own: true, to: ['clsx@2'] }, 'clsx@2': {} });
    assert.deepEqual(summary(walkGraph(g, [dep('app')], [[id('app@1')]]), g), ['clsx@2 runtime [app > ui]']);
  });

  it('follows a weak edge only to a package nothing else reaches', () => {
    const { graph: g, id } = graph({ 'requests@2': { to: ['idna@3'], weak: ['pysocks@1', 'idna@3'] }, 'idna@3': {}, 'pysocks@1': {} });
    assert.deepEqual(summary(walkGraph(g, [dep('requests')], [[id('requests@2')]]), g), ['idna@3 runtime [requests]', 'pysocks@1 runtime [requests]']);
  });

  it('prefers a dev chain of strong edges to a runtime chain through a weak one', () => {
    const { graph: g, id } = graph({ 'lib@1': { weak: ['x@1'] }, 'tool@1': { to: ['x@1'] }, 'x@1': {} });
    const walked = walkGraph(g, [dep('lib'), dep('tool', 'dev')], [[id('lib@1')], [id('tool@1')]]);
    assert.deepEqual(summary(walked, g), ['x@1 dev [tool]']);
  });

  it('lists packages with no known chain as runtime, with an empty chain and root', () => {
    const { graph: g, id } = graph({ 'cobra@1': {}, 'pflag@1': {} });
    assert.deepEqual(walkGraph(g, [dep('cobra', 'runtime', 'v1', 'go')], [[]], [id('pflag@1')]), [{ node: id('pflag@1'), via: [], root: '', scope: 'runtime' }]);
  });

  it('survives cycles', () => {
    const { graph: g, id } = graph({ 'a@1': { to: ['b@1'] }, 'b@1': { to: ['c@1'] }, 'c@1': { to: ['a@1', 'b@1'] } });
    assert.deepEqual(summary(walkGraph(g, [dep('a')], [[id('a@1')]]), g), ['b@1 runtime [a]', 'c@1 runtime [a > b]']);
  });

  it('ignores roots that point outside the graph', () => {
    const { graph: g } = graph({ 'a@1': {} });
    assert.deepEqual(walkGraph(g, [dep('a'), dep('b')], [[7], [-1]], [42]), []);
  });
});
