import { settingsCommand } from './settingsCommand';

export const { option, description, jobOperation, execute } = settingsCommand('relax', {
	name: 'Relax',
	value: 'relax',
	action: 'Switch to relax mode',
	description: 'Run /relax: later jobs queue on relaxed GPU time',
});
