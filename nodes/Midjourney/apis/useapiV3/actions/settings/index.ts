import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../../helpers/operationProperties';
import * as fast from './fast.operation';
import * as getSettings from './getSettings.operation';
import * as info from './info.operation';
import * as relax from './relax.operation';
import * as remix from './remix.operation';
import * as turbo from './turbo.operation';
import * as variability from './variability.operation';

/**
 * The settings commands. Each module describes itself through settingsCommand (its option, its
 * fields, execute); a new one is its file and one line here. The map's order is the order of
 * their fields.
 */
export const operations = { getSettings, info, fast, relax, turbo, remix, variability };

export const description: INodeProperties[] = operationProperties(
	'settings',
	operations,
	'getSettings',
);
