import { pauseForCallbacks } from '../pauseForCallbacks';
import { resumeFromCallback } from '../resumeFromCallback';
import { asItIs } from './noWaiting';
import type { Waiting } from './Waiting';

/**
 * Pause Until Callback: each job is submitted with the execution's resume URL and left as it
 * is; the execution pauses until the callbacks say every job is final, and resumes from the
 * callback that completes the batch.
 */
export const pauseWaiting: Waiting & { resume: typeof resumeFromCallback } = {
	streams: false,
	checkSettings(settings, fail, { forModel }) {
		// An agent's turn cannot pause: the model needs the result (or the id) in this turn, and
		// a paused execution leaves the agent, and a chat waiting on it, without an answer.
		if (forModel) {
			throw fail(
				'Pause Until Callback cannot be used when the node runs as an AI Agent tool: the agent needs the result in this turn',
				"Set Wait for Completion to Poll, Stream (MidjourneyV3) or Don't Wait (then read the job later with Get). Nothing was sent.",
			);
		}
		if (settings.routing.replyUrl === undefined) return;
		throw fail(
			'Reply URL cannot be set with Pause Until Callback',
			"Pause Until Callback uses this execution's own resume URL as the reply URL. Remove Options → Reply URL, or choose another wait mode.",
		);
	},
	runBatch: async (batch) => await pauseForCallbacks(batch),
	followJob: asItIs,
	/** webhook() of the paused execution: a callback arrived at its resume URL. */
	resume: async (context, api, operation) => await resumeFromCallback(context, api, operation),
};
