import type { WaitMode } from '../jobSettings';
import { noWaiting } from './noWaiting';
import { pauseWaiting } from './pauseWaiting';
import { pollWaiting } from './pollWaiting';
import { streamWaiting } from './streamWaiting';
import type { Waiting } from './Waiting';

const STRATEGIES: Record<WaitMode, Waiting> = {
	stream: streamWaiting,
	poll: pollWaiting,
	none: noWaiting,
	webhook: pauseWaiting,
};

/** The way jobs are waited for, from the user's Wait for Completion. */
export function waitingFor(mode: WaitMode): Waiting {
	return STRATEGIES[mode];
}
