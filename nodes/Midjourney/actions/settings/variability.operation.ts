import { settingsCommand } from './settingsCommand';

export const { description, jobOperation, execute } = settingsCommand('variability', 'variability');
