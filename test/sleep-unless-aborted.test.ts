import { sleep } from 'n8n-workflow';

import { sleepUnlessAborted, WaitAbortedError } from '../nodes/Midjourney/helpers/sleepUnlessAborted';

describe('sleepUnlessAborted (the cancellable wait every supported n8n-workflow allows)', () => {
	it('waits the whole time when nothing aborts', async () => {
		const started = Date.now();
		await sleepUnlessAborted(1300, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1290);
	});

	it('rejects within milliseconds of the abort, not at the end of the wait', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const wait = sleepUnlessAborted(30_000, controller.signal);
		await sleep(50);
		controller.abort();
		await expect(wait).rejects.toBeInstanceOf(WaitAbortedError);
		expect(Date.now() - started).toBeLessThan(500);
	});

	it('rejects at once when the signal was already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(sleepUnlessAborted(10_000, controller.signal)).rejects.toBeInstanceOf(
			WaitAbortedError,
		);
	});

	it('waits without a signal', async () => {
		const started = Date.now();
		await sleepUnlessAborted(120);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});
});
