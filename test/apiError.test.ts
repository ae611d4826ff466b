import type { INode } from 'n8n-workflow';

import { apiErrorFromResponse, networkError } from '../nodes/Midjourney/transport/apiError';
import { useapiV3Endpoint } from '../nodes/Midjourney/apis/useapiV3/endpoint';

const node: INode = {
	id: '1',
	name: 'MidjourneyV3',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('API error mapping', () => {
	it.each([
		[
			400,
			{ error: 'Parameter prompt is required' },
			/rejected the request: Parameter prompt is required/,
			/Fix the parameter/,
		],
		[401, { error: 'Unauthorized' }, /did not accept the API token/, /credential/],
		[
			402,
			{ error: 'Account has no subscription or subscription expired' },
			/subscription is not active/,
			/Renew/,
		],
		[404, { error: 'Job not found' }, /Not found: Job not found/, /^No job .*check the Job ID/],
		[404, { error: 'Channel 42 not configured' }, /Not found/, /Account → Configure/],
		[410, { error: 'Job j1 has expired' }, /expired/, /62 days/],
		[
			422,
			{ error: 'Action needed to continue', errorDetails: 'Sorry! Our AI moderators...' },
			/moderated/,
			/Sorry! Our AI moderators.*Rephrase/,
		],
		[
			429,
			{ error: 'Channel 1 is busy executing 3 image jobs' },
			/channel is busy: Channel 1 is busy/,
			/Max Concurrent Jobs/,
		],
		[502, '<html>Bad gateway</html>', /temporarily unavailable/, /not lost/],
		[
			503,
			{ error: 'Failed to process your command' },
			/temporarily unavailable/,
			/run the node again/i,
		],
		[504, { error: 'Job queued' }, /queued/, /maxJobs/],
		[
			596,
			{ error: 'All configured Midjourney channels (2) have errors' },
			/locked: pending moderation or CAPTCHA/,
			/Account → Reset/,
		],
	])('HTTP %i says what happened and what to do', (status, body, message, description) => {
		const error = apiErrorFromResponse(node, useapiV3Endpoint, status, body, 3);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(3);
	});

	it.each([
		[
			'a cancel of a finished job',
			{ error: 'Job j1-u1-c1-bot:midjourney is not running (status completed)' },
			/already finished .* nothing to cancel/,
		],
		[
			'two channels and no channel chosen',
			{ error: 'channel parameter is required when multiple channels (2) are configured' },
			/choose the one to use in Options → Channel/,
		],
		['a refusal that names nothing', { error: 'Request refused' }, /^Correct what the message/],
	])('a 400 for %s names no parameter the API did not name', (_case, body, advice) => {
		const error = apiErrorFromResponse(node, useapiV3Endpoint, 400, body, 0);
		expect(error.description).toMatch(advice);
		expect(error.description).not.toMatch(/Fix the parameter/);
	});

	it('a 400 that names a parameter says to fix that parameter, after the operation hint', () => {
		const error = apiErrorFromResponse(
			node,
			useapiV3Endpoint,
			400,
			{ error: 'Invalid parameter' },
			0,
		);
		expect(error.description).toBe('Fix the parameter the message names and run the node again.');
		const hinted = apiErrorFromResponse(
			node,
			useapiV3Endpoint,
			400,
			{ error: 'Invalid parameter' },
			0,
			'Hint.',
		);
		expect(hinted.description).toBe('Hint.');
	});

	it.each([
		[
			'starts with it',
			'Not found: POST /v3/midjourney/jobs/imagine',
			'Not found: POST /v3/midjourney/jobs/imagine',
		],
		['starts with it in other case', 'not found: POST /x', 'not found: POST /x'],
		['is it', 'Not found', 'Not found'],
		['is it in other case with a full stop', 'not found.', 'Not found'],
	])('an API message that %s does not repeat the summary', (_case, apiMessage, message) => {
		const error = apiErrorFromResponse(node, useapiV3Endpoint, 404, { error: apiMessage }, 0);
		expect(error.message).toBe(message);
	});

	it('an API message that only contains the summary further on still gets it in front', () => {
		const error = apiErrorFromResponse(node, useapiV3Endpoint, 404, { error: 'Job not found' });
		expect(error.message).toBe('Not found: Job not found');
		const word = apiErrorFromResponse(node, useapiV3Endpoint, 404, { error: 'Not foundable' });
		expect(word.message).toBe('Not found: Not foundable');
	});

	it('handles empty bodies (the API sends those with some 404s)', () => {
		const error = apiErrorFromResponse(node, useapiV3Endpoint, 404, undefined);
		expect(error.message).toBe('Not found');
	});

	it('builds network errors without the request (and so without the Authorization header)', () => {
		const helperError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
			cause: {
				code: 'ECONNREFUSED',
				message: 'connect ECONNREFUSED 127.0.0.1:1',
				config: { headers: { Authorization: 'Bearer secret-token' } },
			},
		});
		const error = networkError(node, useapiV3Endpoint, helperError, 0);
		expect(error.message).toMatch(/Could not reach useapi.net/);
		expect(JSON.stringify({ ...error, cause: error.cause, message: error.message })).not.toContain(
			'secret-token',
		);
	});
});
