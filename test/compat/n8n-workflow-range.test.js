/**
 * The package runs against whichever n8n-workflow the user's n8n ships (it is the peer), from
 * the oldest supported n8n to the newest. This suite compiles the node and credential sources
 * against both ends of that range and fails on the next break of the kind that hit n8n ≥ 2.34
 * (`sleepWithAbort` gone from n8n-workflow's exports):
 * - every value imported from n8n-workflow exists at run time in both releases;
 * - every context method and property the nodes use (this.getExecutionCancelSignal,
 *   this.customData, this.helpers.httpRequestWithAuthentication, ...) is declared by both.
 */
'use strict';
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const RANGE = [
	{ label: 'newest', module: 'n8n-workflow' },
	{ label: 'oldest', module: 'n8n-workflow-oldest' },
];

function versionOf(module) {
	return require(path.join(ROOT, 'node_modules', module, 'package.json')).version;
}

function packageSources() {
	const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
	const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
	return parsed.fileNames.filter((file) => file.endsWith('.ts'));
}

/** A program over the package's sources in which `n8n-workflow` means the given release. */
function programAgainst(module) {
	const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
	const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
	const options = {
		...parsed.options,
		noEmit: true,
		incremental: false,
		declaration: false,
		baseUrl: ROOT,
		paths: { 'n8n-workflow': [path.join('node_modules', module)] },
	};
	return ts.createProgram(packageSources(), options);
}

/** Names imported as values (not types) from n8n-workflow, per source file. */
function valueImports(program) {
	const checker = program.getTypeChecker();
	const found = new Map();
	for (const source of program.getSourceFiles()) {
		if (source.isDeclarationFile || !source.fileName.startsWith(ROOT + path.sep)) continue;
		for (const statement of source.statements) {
			if (!ts.isImportDeclaration(statement)) continue;
			const from = statement.moduleSpecifier.text;
			const clause = statement.importClause;
			if (from !== 'n8n-workflow' || !clause || clause.isTypeOnly) continue;
			const bindings = clause.namedBindings;
			if (!bindings || !ts.isNamedImports(bindings)) continue;
			for (const element of bindings.elements) {
				if (element.isTypeOnly) continue;
				const symbol = checker.getSymbolAtLocation(element.name);
				const target = symbol && checker.getAliasedSymbol(symbol);
				if (target && !(target.flags & ts.SymbolFlags.Value)) continue;
				const name = (element.propertyName ?? element.name).text;
				const files = found.get(name) ?? [];
				files.push(path.relative(ROOT, source.fileName));
				found.set(name, files);
			}
		}
	}
	return found;
}

const programs = new Map(RANGE.map(({ module }) => [module, programAgainst(module)]));

describe('n8n-workflow across the supported range', () => {
	it('covers two different releases (the oldest is 2.30)', () => {
		expect(versionOf('n8n-workflow-oldest')).toMatch(/^2\.30\./);
		expect(versionOf('n8n-workflow')).not.toBe(versionOf('n8n-workflow-oldest'));
	});

	const imports = valueImports(programs.get('n8n-workflow'));

	it('finds the values the package imports (the check is not empty)', () => {
		expect([...imports.keys()]).toEqual(
			expect.arrayContaining(['NodeApiError', 'NodeOperationError', 'sleep']),
		);
	});

	for (const { label, module } of RANGE) {
		it(`every imported value exists at run time in the ${label} n8n-workflow`, () => {
			const runtime = require(module);
			const missing = [...imports.entries()]
				.filter(([name]) => runtime[name] === undefined)
				.map(([name, files]) => `${name} (imported by ${files.join(', ')})`);
			expect({ release: versionOf(module), missing }).toEqual({
				release: versionOf(module),
				missing: [],
			});
		});

		it(`every context method the nodes call is declared by the ${label} n8n-workflow`, () => {
			const program = programs.get(module);
			const errors = ts
				.getPreEmitDiagnostics(program)
				.map((d) => ts.formatDiagnostic(d, ts.createCompilerHost({})))
				.map((text) => text.replace(ROOT + path.sep, ''));
			expect({ release: versionOf(module), errors }).toEqual({
				release: versionOf(module),
				errors: [],
			});
		});
	}

	it('keeps n8nNodesApiVersion 1 (n8n 2.x loads only 1; n8n 3 accepts up to 3)', () => {
		const pkg = require(path.join(ROOT, 'package.json'));
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});
});
