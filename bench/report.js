// Collects benchmark figures and writes them to BENCHMARKS.md with the machine and the date.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const file = path.join(__dirname, '..', 'BENCHMARKS.md');
const sectionsFile = path.join(os.tmpdir(), 'n8n-nodes-useapi-midjourney-bench.json');

function machine() {
	const cpus = os.cpus();
	return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Records one benchmark's table (markdown lines) and rewrites BENCHMARKS.md with all of this run's. */
function record(title, lines) {
	const sections = fs.existsSync(sectionsFile)
		? JSON.parse(fs.readFileSync(sectionsFile, 'utf8'))
		: {};
	sections[title] = lines;
	fs.writeFileSync(sectionsFile, JSON.stringify(sections));
	// Sections in title order ("1. …", "2. …"), whichever benchmark file jest ran first.
	const body = Object.entries(sections)
		.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
		.map(([name, rows]) => `## ${name}\n\n${rows.join('\n')}\n`)
		.join('\n');
	fs.writeFileSync(
		file,
		`# Benchmarks\n\nLatest \`npm run bench\`: ${new Date().toISOString()} on ${machine()}.\nAll against the project's simulator on loopback. Figures are measured in one run; they are not tests.\n\n${body}`,
	);
	process.stdout.write(`\n## ${title}\n${lines.join('\n')}\n`);
}

/** Starts a fresh results file for this run. */
function startRun() {
	if (fs.existsSync(sectionsFile)) fs.unlinkSync(sectionsFile);
}

/** A numeric setting from the environment, so runs can be scaled without editing the benchmarks. */
function setting(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The machine's load averages over 1, 5 and 15 minutes, as uptime prints them (other work shares the cores). */
function machineLoad() {
	return `load average ${os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(', ')} on ${os.cpus().length} cores`;
}

module.exports = { record, setting, startRun, machineLoad };
