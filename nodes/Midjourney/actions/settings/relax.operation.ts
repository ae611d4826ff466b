import { settingsCommand } from './settingsCommand';

export const { description, command, execute } = settingsCommand('relax', 'relax');
