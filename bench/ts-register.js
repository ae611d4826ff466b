// Lets a plain `node` process require the project's TypeScript (node, harness) the way jest's
// ts-jest does: each .ts file is transpiled on load, without type checking.
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
};

function loadTypeScript(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
}

// '.ts' is tried first for extensionless requires: `./Midjourney.node` must find
// Midjourney.node.ts, not the Midjourney.node.json codex file next to it.
const others = { ...require.extensions };
for (const extension of Object.keys(others)) delete require.extensions[extension];
require.extensions['.ts'] = loadTypeScript;
Object.assign(require.extensions, others);
