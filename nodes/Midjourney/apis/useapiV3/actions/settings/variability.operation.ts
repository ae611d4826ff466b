import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('variability', {
	name: 'Variability',
	value: 'variability',
	action: 'Toggle variation mode',
	description: 'Run /variability: switch between high and low variation',
});
