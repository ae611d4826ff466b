import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { runNode } from '../tools/harness/runNode';
import { startSimulator } from '../tools/simulator';
import { record, setting } from './report';

const JOBS = 20;
const JOB_MS = setting('BENCH_CONCURRENCY_JOB_MS', 1000);
const TOKEN = ['bench', 'token'].join('-');
const CHANNELS = [
	{
		channel: '1234567890123456789',
		discord: 'MTIfake...xyz',
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 3,
	},
	{
		channel: '9876543210987654321',
		discord: 'MTIother...abc',
		maxJobs: 2,
		maxImageJobs: 2,
		maxVideoJobs: 2,
	},
];

interface Simulator {
	url: string;
	callbacks: Array<{ body: IDataObject }>;
	stats(): { maxConcurrent: Record<string, { images: number }>; responses: Record<string, number> };
	reset(): void;
	close(): Promise<void>;
}

async function run(
	sim: Simulator,
	waitMode: string,
	options: INodeParameters,
): Promise<INodeExecutionData[]> {
	sim.reset();
	const result = await runNode({
		parameters: {
			resource: 'job',
			operation: 'imagine',
			prompt: '={{ $json.prompt }}',
			waitMode,
			options,
		},
		items: Array.from({ length: JOBS }, (_, i) => ({ prompt: `concurrency ${waitMode} ${i}` })),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
		continueOnFail: true,
	});
	if (waitMode !== 'webhook') return result.items;
	let delivered = 0;
	for (;;) {
		while (sim.callbacks.length === delivered) await sleep(2);
		const response = await result.resume(sim.callbacks[delivered++].body);
		if (response.workflowData) return response.workflowData[0];
	}
}

test('simulator-side concurrency: running jobs per channel vs capacity', async () => {
	const sim = (await startSimulator({
		port: 0,
		token: TOKEN,
		jobDurationMs: JOB_MS,
		progressSteps: 3,
		channels: CHANNELS,
	})) as Simulator;
	const rows: string[] = [];
	for (const [name, waitMode, options] of [
		['Stream (SSE)', 'stream', {}],
		['Poll (interval 1 s)', 'poll', { pollInterval: 1 }],
		[
			'Pause Until Callback (busy retry 0.5–1 s)',
			'webhook',
			{ busyRetryMinSeconds: 0.5, busyRetryMaxSeconds: 1 },
		],
	] as const) {
		const items = await run(sim, waitMode, options);
		const stats = sim.stats();
		const perChannel = CHANNELS.map(
			(c) => `${stats.maxConcurrent[c.channel]?.images ?? 0} / ${c.maxImageJobs}`,
		).join(' · ');
		const reached = CHANNELS.every(
			(c) => (stats.maxConcurrent[c.channel]?.images ?? 0) === c.maxImageJobs,
		);
		const busyInOutput = items.filter((item) =>
			/busy|429/i.test(`${item.json.error ?? ''} ${item.json.errorDescription ?? ''}`),
		).length;
		const completed = items.filter((item) => item.json.status === 'completed').length;
		rows.push(
			`| ${name} | ${perChannel} | ${reached ? 'yes' : 'no'} | ${stats.responses['429'] ?? 0} | **${busyInOutput}** | ${completed}/${JOBS} |`,
		);
	}
	await sim.close();

	record('5. Simulator-side concurrency', [
		`${JOBS} imagines of ${JOB_MS} ms, Max Concurrent Jobs 0 (automatic: the node reads GET /accounts), two channels: ${CHANNELS.map((c) => `…${c.channel.slice(-4)} maxImageJobs ${c.maxImageJobs}`).join(', ')}. The simulator counts running jobs per channel at every job start (stats().maxConcurrent); it refuses a job over capacity with 429, so "max = capacity" means the channels were kept full without overshooting.`,
		'',
		'| wait mode | max running / capacity per channel (…6789 · …4321) | every channel full | 429 answers | 429 errors in the output | completed |',
		'|---|---|---|---|---|---|',
		...rows,
	]);
});
