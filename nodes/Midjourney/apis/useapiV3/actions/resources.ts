import * as account from './account';
import * as job from './job';
import * as media from './media';
import * as settings from './settings';
import type { MidjourneyType } from './node.type';
import type { RoutedOperation } from '../../../actions/router';

/** The MidjourneyV3 node's operations, by resource: each resource's own operations map. */
export const resources = {
	account: account.operations,
	job: job.operations,
	media: media.operations,
	settings: settings.operations,
} satisfies Record<MidjourneyType['resource'], Record<string, RoutedOperation>>;
