import * as account from './account';
import * as job from './job';
import * as media from './media';
import * as settings from './settings';
import type { MidjourneyType } from './node.type';
import type { RoutedOperation } from './router';

/** The MidjourneyV3 node's operations, by resource. */
export const resources: Record<MidjourneyType['resource'], Record<string, RoutedOperation>> = {
	account: {
		configure: account.configure,
		delete: account.delete,
		get: account.get,
		list: account.list,
		reset: account.reset,
	},
	job: job.operations,
	media: { download: media.download },
	settings: {
		fast: settings.fast,
		getSettings: settings.getSettings,
		info: settings.info,
		relax: settings.relax,
		remix: settings.remix,
		turbo: settings.turbo,
		variability: settings.variability,
	},
};
