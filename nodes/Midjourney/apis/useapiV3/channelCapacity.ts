import type { IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, isSuccess } from '../../transport/apiRequest';
import type { PreparedJob } from '../../engine/JobOperation';
import { useapiV3Endpoint } from './endpoint';

interface ChannelConfig {
	channel?: string;
	maxJobs?: number;
	maxImageJobs?: number;
	maxVideoJobs?: number;
	error?: string;
}

/**
 * How many jobs the configured channels can run at once for these items: the sum, over the
 * healthy channels the items may use, of the per-type limit (capped by maxJobs). 1 when the
 * channels cannot be read, so the node never floods an unknown account.
 */
export async function channelCapacity(
	this: IExecuteFunctions,
	jobs: PreparedJob[],
): Promise<number> {
	let channels: ChannelConfig[];
	try {
		const response = await apiRequest.call(this, useapiV3Endpoint, 'GET', '/accounts');
		if (!isSuccess(response.statusCode) || !response.body || typeof response.body !== 'object')
			return 1;
		channels = Object.values(response.body as Record<string, ChannelConfig>);
	} catch {
		// Unreachable API: the jobs themselves will report it; meanwhile, be conservative.
		return 1;
	}

	const named = new Set(jobs.map((job) => job.settings.routing.channel as string | undefined));
	const usable = channels.filter(
		(config) => !config.error && (named.has(undefined) || named.has(config.channel)),
	);
	const allVideo = jobs.every((job) => job.request.jobType === 'video');
	const capacity = usable.reduce((sum, config) => {
		const perType = allVideo ? config.maxVideoJobs : config.maxImageJobs;
		return sum + Math.min(perType ?? 3, config.maxJobs ?? 3);
	}, 0);
	return Math.max(1, capacity);
}
