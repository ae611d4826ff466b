import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('turbo', {
	name: 'Turbo',
	value: 'turbo',
	action: 'Switch to turbo mode',
	description: 'Run /turbo: later jobs use turbo GPU time',
});
