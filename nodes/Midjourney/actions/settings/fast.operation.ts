import { settingsCommand } from './settingsCommand';

export const { description, jobOperation, execute } = settingsCommand('fast', 'fast');
