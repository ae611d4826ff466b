import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';
import { apiRequest, isSuccess } from '../transport/apiRequest';
import type { ApiResponse } from '../transport/types';
import { SUBMIT_FAILED } from './callbackLedger';
import { Deadline } from './Deadline';
import type { Job } from './job';
import { isFinal } from './job';
import type { JobApi } from '../apis/JobApi';
import { sharedJobRead } from './sharedJobReads';

/** All reads of one call together: a callback must be answered while useapi.net still waits. */
const READS_BUDGET_MS = 20_000;
const READ_TIMEOUT_MS = 5000;
const RETRY_PAUSES_MS = [500, 1000, 2000];

function isTransient(response: ApiResponse | undefined): boolean {
	return response === undefined || response.statusCode === 429 || response.statusCode >= 500;
}

/**
 * A job whose read was refused (401, 404, 410…): its callback cannot be confirmed, so it is not
 * trusted; the job is reported failed, naming it, rather than as the callback claims.
 */
function unverifiedJob(jobid: string, apiName: string, statusCode: number): Job {
	return {
		jobid,
		status: 'failed',
		error: `Job ${jobid} could not be verified: ${apiName} answered HTTP ${statusCode} when it was read, so its callback is not trusted. Read it with Job → Get.`,
	};
}

/**
 * One job's current state; retried through transient failures (network, 429, 5xx). Undefined
 * when those go on past the retries: only then may a callback's own body stand in.
 */
async function readJob(
	context: IExecuteFunctions | IWebhookFunctions,
	api: JobApi,
	jobid: string,
	budget: Deadline,
): Promise<Job | undefined> {
	const { method, path, qs } = api.read(jobid);
	for (let attempt = 0; ; attempt++) {
		let response: ApiResponse | undefined;
		try {
			const timeoutMs = Math.min(READ_TIMEOUT_MS, budget.remainingMs());
			response = await apiRequest.call(context, api.endpoint, method, path, { qs, timeoutMs });
		} catch {
			response = undefined; // a reset or a timeout: the job is unaffected, read again
		}
		const job = response && isSuccess(response.statusCode) ? api.toJob(response.body) : undefined;
		if (job) return job;
		if (response && !isTransient(response)) {
			return unverifiedJob(jobid, api.name, response.statusCode);
		}
		const pause = RETRY_PAUSES_MS[attempt];
		if (pause === undefined || budget.remainingMs() < pause) return undefined;
		await sleepUnlessAborted(pause);
	}
}

/** True for ledger entries of items that have no job (their submit failed). */
export function hasNoJob(entry: string): boolean {
	return entry === '' || entry.startsWith(SUBMIT_FAILED);
}

/** The first wave of reads; each next wave is twice as large, up to the most at once. */
const FIRST_WAVE = 2;
const MOST_AT_ONCE = 16;

/**
 * Ledger positions newest first, in waves of 2, 4, 8, 16, 16…: the jobs still running are the
 * newest. The callback's own job joins the first wave: it is final, so its read is shared with
 * the later callbacks, and the one that completes the batch need not read it after the others.
 */
function wavesNewestFirst(count: number, own: number): number[][] {
	const waves: number[][] = [];
	let size = FIRST_WAVE;
	for (let end = count; end > 0; end -= size, size = Math.min(size * 2, MOST_AT_ONCE)) {
		const wave: number[] = [];
		for (let index = end - 1; index >= Math.max(0, end - size); index--) {
			if (index !== own) wave.push(index);
		}
		waves.push(wave);
	}
	if (own >= 0) waves[0].push(own);
	return waves;
}

/**
 * Reads the jobs and stops at the first wave with one that is not final. The newest jobs (the
 * last round, the ones still running) are read first, with the callback's own job, so a
 * callback for a batch still running costs a read or three; the callback that completes the
 * batch reads each job no earlier callback found final, several at a time (one by one, 60 reads
 * inside n8n's webhook handling took seconds). Returns all of them,
 * in ledger order, when every one is final; entries without a job stay undefined. `known`
 * supplies a job's state when its reads keep failing transiently (the final callback's own
 * body, which came through the signed resume URL), so a passing API failure cannot strand a
 * finished batch until its Timeout. A refused read (401, 404, 410) is no such failure: that job
 * comes out failed, named.
 */
export async function readJobsIfAllFinal(
	context: IExecuteFunctions | IWebhookFunctions,
	api: JobApi,
	jobIds: string[],
	known?: Job,
): Promise<Array<Job | undefined> | undefined> {
	const budget = new Deadline(READS_BUDGET_MS);
	const jobs: Array<Job | undefined> = jobIds.map(() => undefined);
	const own = known ? jobIds.indexOf(known.jobid) : -1;
	for (const wave of wavesNewestFirst(jobIds.length, own)) {
		const read = await Promise.all(
			wave.map(async (index) => {
				const jobid = jobIds[index];
				if (hasNoJob(jobid)) return true;
				const read = async () => await readJob(context, api, jobid, budget);
				const job =
					(await sharedJobRead(context, jobid, read)) ??
					(known?.jobid === jobid ? known : undefined);
				jobs[index] = job;
				return job !== undefined && isFinal(job.status);
			}),
		);
		if (read.includes(false)) return undefined;
	}
	return jobs;
}
