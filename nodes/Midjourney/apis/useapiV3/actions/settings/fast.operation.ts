import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('fast', {
	name: 'Fast',
	value: 'fast',
	action: 'Switch to fast mode',
	description: 'Run /fast: later jobs use fast GPU time',
});
