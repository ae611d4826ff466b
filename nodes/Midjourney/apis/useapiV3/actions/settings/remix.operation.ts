import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('remix', {
	name: 'Remix',
	value: 'remix',
	action: 'Toggle remix mode',
	description: 'Run /remix: turn remix mode on or off',
});
