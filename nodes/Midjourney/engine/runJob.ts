import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../helpers/nodeError';
import { executionCancelSignal } from '../transport/apiRequest';
import type { CleanupAccess } from '../transport/cleanupAfterCancel';
import { abandonJobAfterCancel } from './abandonJob';
import { earlierTryOf, rememberCreatedJob } from './createdJobs';
import { Deadline } from './Deadline';
import type { Job } from './job';
import { isFinal } from './job';
import type { PreparedJob } from './JobOperation';
import type { AcceptedSubmit } from './submitJob';
import { asLostSubmit, isLostSubmit, lostSubmitError } from './lostSubmit';
import { recoverLostSubmit, replyRefOf } from './recoverLostSubmit';
import { submitJob } from './submitJob';
import { readUntilFinal } from './waiting/pollWaiting';
import { timedOut } from './waiting/timedOut';

/** What the engine learnt about a job while running it. */
export interface JobRun {
	job: Job;
	/** The API returned an existing job, or an earlier try of this execution created it. */
	reusedExisting: boolean;
}

/** One item's job on its way: what the wait needs to know and what cleanup must cancel. */
interface Tracked {
	jobid?: string;
}

/** Stream Progress: the live events, then reading by id if the stream ends early. */
async function followStream(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	accepted: AcceptedSubmit,
	deadline: Deadline,
	tracked: Tracked,
	onJobId: (jobid: string) => void,
	submittedAt: number,
): Promise<Job> {
	const streamed = await prepared.api.followStream!(accepted.stream!, deadline, onJobId);
	if (streamed.final && streamed.job) return streamed.job;
	if (executionCancelSignal(context)?.aborted) {
		throw new NodeOperationError(context.getNode(), 'The execution was cancelled', {
			itemIndex: prepared.itemIndex,
		});
	}
	if (!tracked.jobid) {
		const why = streamed.interruption ?? 'no job id received';
		throw asLostSubmit(lostSubmitError(context, prepared, why));
	}
	if (streamed.timedOut) return await timedOut(context, prepared, tracked.jobid);
	const following = { context, prepared, deadline, submittedAt };
	return await readUntilFinal(following, tracked.jobid, streamed.job);
}

/** Submits once and waits as the user chose; a lost answer is looked for, never resubmitted. */
async function submitAndWait(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	deadline: Deadline,
	tracked: Tracked,
): Promise<JobRun> {
	const settle = prepared.submits.started();
	const known = (jobid: string) => {
		tracked.jobid = jobid;
		rememberCreatedJob(context, prepared, jobid);
		settle();
	};
	const cancelSignal = executionCancelSignal(context);
	const slot = await prepared.pace?.slots.take(() => deadline.remainingMs(), cancelSignal);
	let ended = false;
	const submittedAt = Date.now();
	try {
		const accepted = await submitJob(
			context,
			prepared,
			deadline,
			replyRefOf(context, prepared),
			(job) => known(job.jobid),
			slot,
		);
		// The reads are timed from the accepted submit, not from the first try (a 429 may have
		// held it a while); a lost answer is still looked for since the first try.
		const acceptedAt = accepted.acceptedAt ?? submittedAt;
		if (accepted.stream) {
			const job = await followStream(
				context,
				prepared,
				accepted,
				deadline,
				tracked,
				known,
				acceptedAt,
			);
			ended = isFinal(job.status);
			return { job, reusedExisting: false };
		}
		known(accepted.job!.jobid);
		const following = { context, prepared, deadline, submittedAt: acceptedAt };
		const job = await prepared.waiting.followJob(following, accepted.job!.jobid, accepted.job);
		ended = isFinal(job.status);
		return { job, reusedExisting: accepted.reusedExisting };
	} catch (error) {
		settle();
		const failure = toNodeError(context.getNode(), error, prepared.itemIndex);
		if (!isLostSubmit(failure) || tracked.jobid) throw failure;
		return await recoverLostSubmit(context, prepared, failure, submittedAt, deadline, known);
	} finally {
		settle();
		slot?.free(ended);
	}
}

/**
 * An earlier try of this execution (n8n's Retry On Fail) lost its submit's answer and found no
 * job then: look once more, and never submit again.
 */
async function afterEarlierLostSubmit(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	lostAt: number,
	deadline: Deadline,
	tracked: Tracked,
): Promise<JobRun> {
	const failure = new NodeApiError(
		context.getNode(),
		{ error: 'earlier submit lost' },
		{
			message: 'An earlier try of this node submitted this item and lost the answer',
			description:
				"n8n's Retry On Fail ran the node again, but the job that submit may have created could not be identified, so the node does not submit it again.",
			itemIndex: prepared.itemIndex,
		},
	);
	return await recoverLostSubmit(context, prepared, failure, lostAt, deadline, (jobid) => {
		tracked.jobid = jobid;
		rememberCreatedJob(context, prepared, jobid);
	});
}

/** The job this item already has: an earlier try's, or an execute-once verb's existing one. */
async function earlierJob(
	context: IExecuteFunctions,
	prepared: PreparedJob,
): Promise<string | undefined> {
	return (
		earlierTryOf(context, prepared)?.jobid ??
		(await prepared.operation.findExisting?.call(context, prepared))
	);
}

/**
 * Submits one item's job and waits for it as the user chose. A job the node abandons
 * (timeout, stopped execution) is cancelled so its slot is freed. A job is never submitted
 * twice: not after a lost answer, and not when n8n's Retry On Fail runs the node again.
 */
export async function runJob(
	this: IExecuteFunctions,
	prepared: PreparedJob,
	cleanup: CleanupAccess | undefined,
): Promise<JobRun> {
	const tracked: Tracked = {};
	const deadline = new Deadline(prepared.settings.timeoutMs);
	try {
		const lostAt = earlierTryOf(this, prepared)?.lostAt;
		if (lostAt !== undefined) {
			return await afterEarlierLostSubmit(this, prepared, lostAt, deadline, tracked);
		}
		const earlier = await earlierJob(this, prepared);
		if (earlier) {
			tracked.jobid = earlier;
			const job = await prepared.waiting.followJob({ context: this, prepared, deadline }, earlier);
			return { job, reusedExisting: true };
		}
		return await submitAndWait(this, prepared, deadline, tracked);
	} catch (error) {
		if (executionCancelSignal(this)?.aborted && tracked.jobid && cleanup) {
			await abandonJobAfterCancel.call(this, prepared.api, cleanup, tracked.jobid);
		}
		throw toNodeError(this.getNode(), error, prepared.itemIndex);
	}
}

/**
 * Follows a job that was already submitted (Pause Until Callback's round) to its end by reading
 * it, as Poll does; at the Timeout it is cancelled. For a batch that fails before it pauses.
 */
export async function followSubmittedJob(
	this: IExecuteFunctions,
	prepared: PreparedJob,
	jobid: string,
): Promise<Job> {
	const deadline = new Deadline(prepared.settings.timeoutMs);
	return await readUntilFinal({ context: this, prepared, deadline }, jobid);
}
