import { settingsCommand } from './settingsCommand';

export const { description, jobOperation, execute } = settingsCommand('relax', 'relax');
