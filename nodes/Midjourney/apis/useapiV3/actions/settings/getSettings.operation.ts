import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('settings', {
	name: 'Get Settings',
	value: 'getSettings',
	action: 'Get the settings',
	description: 'Run /settings: version, stylize, raw, remix, variability, speed mode, suffix',
});
